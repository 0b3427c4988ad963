// SPDX-License-Identifier: GPL-2.0
/* Management UNIX-domain sockets (see uds.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "uds.h"

/* mkdir -p of path's directory; the newer /var/run/ptp/ layout needs it. */
static int make_parents(const char *path)
{
	char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char *p;

	snprintf(dir, sizeof(dir), "%s", path);
	p = strrchr(dir, '/');
	if (!p || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

int uds_open(const char *path, unsigned int mode)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, err;

	if (!path[0] || strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	memcpy(sun.sun_path, path, strlen(path));
	err = make_parents(path);
	if (err)
		return err;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* a socket left by a daemon that died; ptp4l removes it too */
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) ||
	    chmod(path, mode)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

void uds_close(int fd, const char *path)
{
	if (fd < 0)
		return;
	close(fd);
	unlink(path);
}

ssize_t uds_recv(int fd, void *buf, size_t len, struct uds_addr *from)
{
	ssize_t n;

	from->len = sizeof(from->sun);
	n = recvfrom(fd, buf, len, MSG_DONTWAIT, (struct sockaddr *)&from->sun,
		     &from->len);
	return n < 0 ? -errno : n;
}

ssize_t uds_send(int fd, const struct uds_addr *to, const void *buf,
		 size_t len)
{
	ssize_t n;

	if (to->len <= offsetof(struct sockaddr_un, sun_path))
		return -ENOTCONN;
	n = sendto(fd, buf, len, MSG_DONTWAIT, (const struct sockaddr *)&to->sun,
		   to->len);
	return n < 0 ? -errno : n;
}
