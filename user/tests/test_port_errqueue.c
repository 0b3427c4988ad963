// SPDX-License-Identifier: GPL-2.0
/*
 * A TX timestamp no send waits for (late, or a second one of the same packet:
 * a veth behind a bridge stamps it at each hop) must not keep poll() busy,
 * and a SIGTERM must be taken even while it is: with ppoll() returning at
 * once forever, ptpkd spun and never exited (uc-g8275 with a bridge, 6.1).
 */
#include <arpa/inet.h>
#include <linux/net_tstamp.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "port.h"
#include "port_private.h"
#include "sk.h"
#include "tests.h"
#include "transport.h"

#ifndef SO_SELECT_ERR_QUEUE
#define SO_SELECT_ERR_QUEUE 45
#endif

/* A loopback UDP socket with one TX timestamp left in its error queue. */
static int stale_socket(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	int flags = SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE;
	int on = 1, fd, i;
	struct pollfd pfd;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    getsockname(fd, (struct sockaddr *)&a, &alen) ||
	    setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags,
		       sizeof(flags)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SELECT_ERR_QUEUE, &on, sizeof(on)) ||
	    sendto(fd, "ptpk", 4, 0, (struct sockaddr *)&a, sizeof(a)) != 4)
		goto fail;
	for (i = 0; i < 100; i++) {
		pfd = (struct pollfd){ .fd = fd, .events = POLLPRI };
		if (poll(&pfd, 1, 10) == 1 && (pfd.revents & POLLPRI))
			return fd;
	}
fail:
	if (fd >= 0)
		close(fd);
	return -1;
}

static int test_drain(void)
{
	struct pollfd pfd;
	int fd = stale_socket();

	CHECK(fd >= 0);
	CHECK_INT(sk_errqueue_drain(fd, 64), 1);
	pfd = (struct pollfd){ .fd = fd, .events = POLLPRI };
	CHECK_INT(poll(&pfd, 1, 0), 0);
	CHECK_INT(sk_errqueue_drain(fd, 64), 0);
	CHECK_INT(sk_errqueue_drain(-1, 64), 0);
	close(fd);
	return 0;
}

/* What clock_run() does with a ready event socket: it is quiet after. */
static int test_port_handle(void)
{
	struct config *cfg = config_create(0);
	struct pollfd pfd[TRANS_NFD], again;
	struct clock c;
	struct port *p;
	int fd, i, rc = 1;

	CHECK(cfg);
	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	p = port_create(&c, cfg, "lo", 1);
	if (!p)
		goto out;
	fd = stale_socket();
	if (fd < 0)
		goto out_port;
	p->trans->fd[TRANS_EVENT] = fd;		/* closed by port_destroy() */
	for (i = 0; i < TRANS_NFD; i++)
		pfd[i] = (struct pollfd){ .fd = p->trans->fd[i],
					  .events = POLLIN | POLLPRI };
	if (poll(pfd, TRANS_NFD, 0) < 1 || !(pfd[0].revents & POLLPRI))
		goto out_port;
	port_handle(p, pfd, TRANS_NFD);
	again = (struct pollfd){ .fd = fd, .events = POLLIN | POLLPRI };
	if (poll(&again, 1, 0) != 0) {
		printf("# still ready after port_handle(): revents %#x\n",
		       again.revents);
		goto out_port;
	}
	rc = 0;
out_port:
	port_destroy(p);
out:
	config_destroy(cfg);
	return rc;
}

static volatile sig_atomic_t got;

static void on_term(int sig)
{
	got = sig;
}

/* A SIGTERM pending while ppoll() found work is taken all the same. */
static int test_take_signals(void)
{
	struct sigaction sa, old_sa;
	sigset_t block, old, wait_mask, pend;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	CHECK_INT(sigaction(SIGTERM, &sa, &old_sa), 0);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	CHECK_INT(sigprocmask(SIG_BLOCK, &block, &old), 0);
	wait_mask = old;
	sigdelset(&wait_mask, SIGTERM);
	got = 0;
	clock_take_signals(&wait_mask);		/* nothing pending: no-op */
	CHECK_INT(got, 0);
	CHECK_INT(raise(SIGTERM), 0);
	CHECK_INT(got, 0);
	clock_take_signals(NULL);
	CHECK_INT(got, 0);
	clock_take_signals(&wait_mask);
	CHECK_INT(got, SIGTERM);
	CHECK_INT(sigpending(&pend), 0);
	CHECK_INT(sigismember(&pend, SIGTERM), 0);
	CHECK_INT(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	CHECK_INT(sigaction(SIGTERM, &old_sa, NULL), 0);
	return 0;
}

static const struct test port_errqueue_tests[] = {
	{ "errqueue: sk_errqueue_drain() empties it, poll() is quiet",
	  test_drain },
	{ "errqueue: port_handle() drops a stale TX timestamp (no busy ppoll)",
	  test_port_handle },
	{ "errqueue: clock_take_signals() takes a pending SIGTERM",
	  test_take_signals },
	{ NULL, NULL }
};

TEST_SUITE(port_errqueue_tests);
