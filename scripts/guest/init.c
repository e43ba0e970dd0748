// SPDX-License-Identifier: GPL-2.0
/*
 * PID 1 of the omipv6 test guest's initramfs.
 *
 * Loads the modules listed in /modules.list (the stock kernel needs
 * virtio and 9p as modules), mounts the host root read-only over 9p
 * (tag "hostroot"), gives the guest private tmpfs and pseudo file
 * systems, mounts the optional read-only share (tag "share") at
 * $OMIPV6_SHARE and the writable results share (tag "results") at
 * $OMIPV6_RESULTS on top of them, then runs "/bin/bash $OMIPV6_MAIN" chrooted into the
 * host root.  Whatever happens, it ends with reboot(), which with
 * qemu's -no-reboot stops the guest.  The kernel passes OMIPV6_* from
 * its command line to init as environment variables.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define NEWROOT "/newroot"

static void msg(const char *what, const char *arg)
{
	fprintf(stderr, "omipv6-init: %s %s%s%s\n", what, arg,
		errno ? ": " : "", errno ? strerror(errno) : "");
	errno = 0;
}

static void finish(void)
{
	sync();
	fprintf(stderr, "omipv6-init: halting\n");
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}

static int do_mount(const char *src, const char *dst, const char *type,
		    unsigned long flags, const char *data)
{
	mkdir(dst, 0755);
	errno = 0;
	if (mount(src, dst, type, flags, data)) {
		msg("cannot mount", dst);
		return -1;
	}
	return 0;
}

/* Create @path's missing directories; fails quietly on read-only parts. */
static void mkdir_p(char *path)
{
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	mkdir(path, 0755);
}

static void load_modules(void)
{
	char path[512];
	FILE *f = fopen("/modules.list", "r");

	if (!f)
		return;
	while (fgets(path, sizeof(path), f)) {
		int fd;

		path[strcspn(path, "\n")] = '\0';
		if (!path[0])
			continue;
		fd = open(path, O_RDONLY | O_CLOEXEC);
		errno = 0;
		if (fd < 0 || (syscall(SYS_finit_module, fd, "", 0) &&
			       errno != EEXIST))
			msg("cannot load", path);
		if (fd >= 0)
			close(fd);
	}
	fclose(f);
}

int main(void)
{
	const char *results = getenv("OMIPV6_RESULTS");
	const char *script = getenv("OMIPV6_MAIN");
	const char *share = getenv("OMIPV6_SHARE");
	const char *queue = getenv("OMIPV6_QUEUE");
	static const char * const tmpfs_dirs[] = {
		"/tmp", "/run", "/var/tmp", "/var/lib", "/var/log",
		"/var/cache", "/root", "/dev/shm", "/mnt", NULL,
	};
	char path[4096];
	pid_t pid, w;
	int i, status = 0;

	do_mount("proc", "/proc", "proc", 0, NULL);
	do_mount("sysfs", "/sys", "sysfs", 0, NULL);
	do_mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	load_modules();

	if (!results || !script) {
		errno = 0;
		msg("missing", "OMIPV6_RESULTS or OMIPV6_MAIN");
		finish();
	}
	if (do_mount("hostroot", NEWROOT, "9p", MS_RDONLY,
		     "trans=virtio,version=9p2000.L,msize=512000,cache=loose"))
		finish();

	do_mount("proc", NEWROOT "/proc", "proc", 0, NULL);
	do_mount("sysfs", NEWROOT "/sys", "sysfs", 0, NULL);
	do_mount("devtmpfs", NEWROOT "/dev", "devtmpfs", 0, NULL);
	do_mount("devpts", NEWROOT "/dev/pts", "devpts", 0, NULL);
	/* What udev would add; bash process substitution needs /dev/fd. */
	symlink("/proc/self/fd", NEWROOT "/dev/fd");
	symlink("/proc/self/fd/0", NEWROOT "/dev/stdin");
	symlink("/proc/self/fd/1", NEWROOT "/dev/stdout");
	symlink("/proc/self/fd/2", NEWROOT "/dev/stderr");
	do_mount("debugfs", NEWROOT "/sys/kernel/debug", "debugfs", 0, NULL);
	for (i = 0; tmpfs_dirs[i]; i++) {
		snprintf(path, sizeof(path), NEWROOT "%s", tmpfs_dirs[i]);
		do_mount("tmpfs", path, "tmpfs", 0, "mode=1777");
	}
	/* Both shares may sit below one of the tmpfs mounts. */
	if (share) {
		snprintf(path, sizeof(path), NEWROOT "%s", share);
		mkdir_p(path);
		if (mount("share", path, "9p", MS_RDONLY,
			  "trans=virtio,version=9p2000.L,msize=512000,cache=loose")) {
			msg("cannot mount share at", path);
			finish();
		}
	}
	snprintf(path, sizeof(path), NEWROOT "%s", results);
	mkdir_p(path);
	if (mount("results", path, "9p", 0,
		  "trans=virtio,version=9p2000.L,msize=512000")) {
		msg("cannot mount results at", path);
		finish();
	}
	/* Uncached: guests sharing the queue must see each other's renames. */
	if (queue) {
		snprintf(path, sizeof(path), NEWROOT "%s", queue);
		mkdir_p(path);
		if (mount("queue", path, "9p", 0,
			  "trans=virtio,version=9p2000.L,msize=512000")) {
			msg("cannot mount queue at", path);
			finish();
		}
	}

	pid = fork();
	if (pid == 0) {
		if (chroot(NEWROOT) || chdir("/")) {
			msg("cannot chroot to", NEWROOT);
			_exit(127);
		}
		setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
		setenv("HOME", "/root", 1);
		execl("/bin/bash", "bash", script, (char *)NULL);
		msg("cannot run", script);
		_exit(127);
	}
	/* Reap everything: orphans of the test scripts land here too. */
	while (pid > 0) {
		w = wait(&status);
		if (w == pid || (w < 0 && errno != EINTR))
			break;
	}
	fprintf(stderr, "omipv6-init: %s exited with status %d\n", script,
		WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	finish();
	return 0;
}
