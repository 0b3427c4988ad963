// SPDX-License-Identifier: GPL-2.0
/* The management client's UNIX datagram socket (mgmt.h). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "mgmt.h"

int mgmt_open(struct mgmt_sock *s, const char *server, const char *local)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int err;

	memset(s, 0, sizeof(*s));
	s->fd = -1;
	if (strlen(server) >= sizeof(sa.sun_path) ||
	    (local && strlen(local) >= sizeof(sa.sun_path)))
		return -ENAMETOOLONG;
	snprintf(s->server, sizeof(s->server), "%s", server);
	s->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return -errno;
	/* the daemon answers to our address, so we need one, as pmc */
	if (local)
		snprintf(s->local, sizeof(s->local), "%s", local);
	else
		snprintf(s->local, sizeof(s->local), "/var/run/ptpk-cli.%d",
			 (int)getpid());
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", s->local);
	unlink(s->local);
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = -errno;
		s->local[0] = '\0';
		mgmt_close(s);
		return err;
	}
	return 0;
}

void mgmt_close(struct mgmt_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	if (s->local[0])
		unlink(s->local);
	s->fd = -1;
	s->local[0] = '\0';
}

int mgmt_send(struct mgmt_sock *s, const void *buf, size_t len)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", s->server);
	if (sendto(s->fd, buf, len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	return 0;
}

long mgmt_recv(struct mgmt_sock *s, void *buf, size_t size, int timeout_ms)
{
	struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
	ssize_t n;
	int r;

	do
		r = poll(&pfd, 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	if (!r)
		return 0;
	n = recv(s->fd, buf, size, MSG_DONTWAIT);
	if (n < 0)
		return errno == EAGAIN ? 0 : -errno;
	return n ? n : -EBADMSG;
}
