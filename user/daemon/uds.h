/* SPDX-License-Identifier: GPL-2.0 */
/*
 * UNIX-domain datagram sockets for management, as ptp4l's uds transport:
 * the daemon binds a path (pmc sends from its own bound /var/run/pmc.$pid)
 * and answers to the sender's address.
 */
#ifndef PTPKD_UDS_H
#define PTPKD_UDS_H

#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

struct uds_addr {
	socklen_t len;
	struct sockaddr_un sun;
};

/*
 * Bind path (its parent directories made if missing, a stale socket
 * removed) with the given file mode: the fd, or a negative errno.
 */
int uds_open(const char *path, unsigned int mode);
/* Close and remove path. */
void uds_close(int fd, const char *path);
/* One datagram without blocking: its length, or a negative errno. */
ssize_t uds_recv(int fd, void *buf, size_t len, struct uds_addr *from);
/* To a peer's address; -ENOTCONN for an unnamed peer. */
ssize_t uds_send(int fd, const struct uds_addr *to, const void *buf,
		 size_t len);

#endif
