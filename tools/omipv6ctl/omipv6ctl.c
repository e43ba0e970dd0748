// SPDX-License-Identifier: GPL-2.0
/*
 * omipv6ctl - configure the omipv6 module over generic netlink.
 *
 * Shows and changes the per network namespace omipv6 configuration
 * (home address, home agent address, MN-HA SPI and key), manages the
 * correspondent node list and the home agent's mobile nodes, asks the
 * mobile node to look for a movement, and prints the OMIPv6 exchange
 * events of the namespace as they happen, using the "omipv6" generic
 * netlink family described in <linux/omipv6.h>.  The MN-HA key is never
 * printed and is wiped from memory once sent.
 *
 * Exit status: 0 success, 1 kernel or system error, 2 usage error.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/omipv6.h>

#define PROG		"omipv6ctl"
#define KEY_BUF_LEN	1024	/* --raw may send keys longer than the max */
#define SEND_BUF_LEN	4096
#define RECV_BUF_LEN	32768

struct request {
	int cmd;
	bool has_home, has_ha, has_spi, has_key, has_ifindex, dump, monitor;
	struct in6_addr home, ha, cn;
	uint32_t spi, ifindex;
	size_t key_len;
	unsigned char key[KEY_BUF_LEN];
};

struct config {
	bool has_home, has_ha, key_set;
	struct in6_addr home, ha;
	uint32_t spi;
	unsigned int n_cns;
	struct in6_addr cns[OMIPV6_MAX_CNS];
};

struct xfer {
	int error;		/* positive errno from the kernel or local */
	char msg[256];		/* extack or local message, may be empty */
	uint16_t family;	/* CTRL_CMD_GETFAMILY result */
	uint32_t events_grp;	/* its "events" multicast group, 0 if none */
	struct config *cfg;	/* GET_CONFIG result */
	unsigned int n_mns;	/* GET_MN: mobile nodes printed */
};

static struct request req;
static char sbuf[SEND_BUF_LEN] __attribute__((aligned(4)));
static char rbuf[RECV_BUF_LEN] __attribute__((aligned(4)));
static bool raw;

static void wipe(void)
{
	explicit_bzero(req.key, sizeof(req.key));
	explicit_bzero(sbuf, sizeof(sbuf));
	explicit_bzero(rbuf, sizeof(rbuf));
}

static void __attribute__((noreturn, format(printf, 2, 3)))
fail(int status, const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: " PROG " [--raw] COMMAND\n"
	      "Commands:\n"
	      "  show\n"
	      "  set { home ADDR | ha ADDR | spi N | key HEX|@FILE } ...\n"
	      "  cn add ADDR | cn del ADDR | cn flush\n"
	      "  mn add HOA spi N key HEX|@FILE | mn del HOA | mn flush | mn show\n"
	      "  move [dev IFNAME]\n"
	      "  monitor\n"
	      "  help\n"
	      "ADDR is an IPv6 address; \"::\" clears home or ha.\n"
	      "mn: the home agent's mobile nodes; \"mn show\" prints one line\n"
	      "each, HOA spi N, then coa ADDR seq N lifetime SECONDS when bound.\n"
	      "move: the mobile node looks for a movement now and registers\n"
	      "again, preferring the care-of address on IFNAME.\n"
	      "monitor: print one line per OMIPv6 exchange event of this\n"
	      "namespace, \"event TYPE home ADDR cn ADDR\", until a signal.\n"
	      "N is decimal or 0x-prefixed hex; the key is never printed.\n"
	      "--raw skips the local range checks of spi and key length.\n",
	      stderr);
	exit(2);
}

static void parse_addr(const char *s, struct in6_addr *addr)
{
	if (inet_pton(AF_INET6, s, addr) != 1)
		fail(2, "invalid IPv6 address '%s'", s);
}

static void parse_spi(const char *s)
{
	unsigned long long v;
	char *end;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	}
	/* strtoull() accepts signs and blanks; insist on a digit first */
	if (base == 16 ? !isxdigit((unsigned char)s[0]) :
			 !isdigit((unsigned char)s[0]))
		fail(2, "invalid spi: expected a 32-bit unsigned number");
	errno = 0;
	v = strtoull(s, &end, base);
	if (*end || errno || v > UINT32_MAX)
		fail(2, "invalid spi: expected a 32-bit unsigned number");
	if (!raw && v < OMIPV6_MNHA_SPI_MIN)
		fail(2, "spi %llu out of range %u..%u (0-255 are reserved)",
		     v, OMIPV6_MNHA_SPI_MIN, UINT32_MAX);
	req.spi = v;
}

static int hexval(char c)
{
	static const char digits[] = "0123456789abcdef";
	const char *p = c ? strchr(digits, tolower((unsigned char)c)) : NULL;

	return p ? p - digits : -1;
}

/* Never echo the key, not even in error messages. */
static void parse_hex_key(char *s)
{
	size_t i, len = strlen(s);

	if (len % 2)
		fail(2, "invalid key: odd number of hex digits");
	if (len / 2 > sizeof(req.key)) {
		req.key_len = SIZE_MAX;
		return;
	}
	for (i = 0; i < len; i += 2) {
		int hi = hexval(s[i]), lo = hexval(s[i + 1]);

		if (hi < 0 || lo < 0)
			fail(2, "invalid key: not a hex string");
		req.key[i / 2] = hi << 4 | lo;
	}
	req.key_len = len / 2;
	/* Scrub the command line copy (best effort; prefer key @FILE). */
	explicit_bzero(s, len);
}

static void read_key_file(const char *path)
{
	size_t len = 0;
	ssize_t n = 0;
	char c;
	int fd;

	if (!*path)
		fail(2, "invalid key: empty file name after '@'");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail(1, "cannot open key file '%s': %s", path, strerror(errno));
	while (len < sizeof(req.key) &&
	       (n = read(fd, req.key + len, sizeof(req.key) - len)) > 0)
		len += n;
	if (n < 0)
		fail(1, "cannot read key file '%s': %s", path, strerror(errno));
	if (len == sizeof(req.key) && read(fd, &c, 1) > 0)
		len = SIZE_MAX;
	close(fd);
	req.key_len = len;
}

static void parse_key(char *s)
{
	if (s[0] == '@')
		read_key_file(s + 1);
	else
		parse_hex_key(s);
	if (raw && req.key_len > sizeof(req.key))
		fail(2, "invalid key: longer than %zu bytes", sizeof(req.key));
	if (!raw && (req.key_len < OMIPV6_MNHA_KEY_MIN_LEN ||
		     req.key_len > OMIPV6_MNHA_KEY_MAX_LEN))
		fail(2, "key length out of range (must be %u..%u bytes)",
		     OMIPV6_MNHA_KEY_MIN_LEN, OMIPV6_MNHA_KEY_MAX_LEN);
}

static void parse_set(int argc, char **argv)
{
	int i;

	if (argc < 1)
		fail(2, "set: missing keyword (home, ha, spi or key)");
	for (i = 0; i < argc; i += 2) {
		const char *kw = argv[i];
		bool *seen;

		if (!strcmp(kw, "home"))
			seen = &req.has_home;
		else if (!strcmp(kw, "ha"))
			seen = &req.has_ha;
		else if (!strcmp(kw, "spi"))
			seen = &req.has_spi;
		else if (!strcmp(kw, "key"))
			seen = &req.has_key;
		else
			fail(2, "set: unknown keyword '%s'", kw);
		if (*seen)
			fail(2, "set: duplicate keyword '%s'", kw);
		if (i + 1 >= argc)
			fail(2, "set %s: missing value", kw);
		*seen = true;
		if (seen == &req.has_home)
			parse_addr(argv[i + 1], &req.home);
		else if (seen == &req.has_ha)
			parse_addr(argv[i + 1], &req.ha);
		else if (seen == &req.has_spi)
			parse_spi(argv[i + 1]);
		else
			parse_key(argv[i + 1]);
	}
}

/* mn add HOA spi N key HEX|@FILE (spi and key in either order) */
static void parse_mn_add(int argc, char **argv)
{
	int i;

	if (argc < 1)
		fail(2, "mn add: missing home address");
	parse_addr(argv[0], &req.home);
	req.has_home = true;
	for (i = 1; i < argc; i += 2) {
		const char *kw = argv[i];

		if (strcmp(kw, "spi") && strcmp(kw, "key"))
			fail(2, "mn add: unknown keyword '%s'", kw);
		if (!strcmp(kw, "spi") ? req.has_spi : req.has_key)
			fail(2, "mn add: duplicate keyword '%s'", kw);
		if (i + 1 >= argc)
			fail(2, "mn add %s: missing value", kw);
		if (!strcmp(kw, "spi")) {
			req.has_spi = true;
			parse_spi(argv[i + 1]);
		} else {
			req.has_key = true;
			parse_key(argv[i + 1]);
		}
	}
	if (!req.has_spi || !req.has_key)
		fail(2, "mn add: needs spi N and key HEX|@FILE");
}

static void parse_mn(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";

	if (!strcmp(sub, "add")) {
		req.cmd = OMIPV6_CMD_ADD_MN;
		parse_mn_add(argc - 2, argv + 2);
		return;
	}
	if (!strcmp(sub, "del")) {
		req.cmd = OMIPV6_CMD_DEL_MN;
		if (argc < 3)
			fail(2, "mn del: missing home address");
		if (argc > 3)
			fail(2, "mn del: unexpected argument '%s'", argv[3]);
		parse_addr(argv[2], &req.home);
		req.has_home = true;
		return;
	}
	if (!strcmp(sub, "flush"))
		req.cmd = OMIPV6_CMD_FLUSH_MN;
	else if (!strcmp(sub, "show"))
		req.cmd = OMIPV6_CMD_GET_MN;
	else
		fail(2, "mn: expected add, del, flush or show");
	if (argc > 2)
		fail(2, "mn %s: unexpected argument '%s'", sub, argv[2]);
	req.dump = req.cmd == OMIPV6_CMD_GET_MN;
}

/* move [dev IFNAME] */
static void parse_move(int argc, char **argv)
{
	req.cmd = OMIPV6_CMD_MOVE;
	if (argc == 1)
		return;
	if (strcmp(argv[1], "dev"))
		fail(2, "move: unknown keyword '%s'", argv[1]);
	if (argc < 3)
		fail(2, "move dev: missing interface name");
	if (argc > 3)
		fail(2, "move: unexpected argument '%s'", argv[3]);
	req.ifindex = if_nametoindex(argv[2]);
	if (!req.ifindex)
		fail(1, "no such interface '%s'", argv[2]);
	req.has_ifindex = true;
}

static void parse_args(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--raw"))
			raw = true;
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			usage();
		else
			fail(2, "unknown option '%s'", argv[i]);
	}
	if (i >= argc || !strcmp(argv[i], "help"))
		usage();
	argc -= i;
	argv += i;

	if (!strcmp(argv[0], "show")) {
		req.cmd = OMIPV6_CMD_GET_CONFIG;
		if (argc > 1)
			fail(2, "show: unexpected argument '%s'", argv[1]);
	} else if (!strcmp(argv[0], "set")) {
		req.cmd = OMIPV6_CMD_SET_CONFIG;
		parse_set(argc - 1, argv + 1);
	} else if (!strcmp(argv[0], "cn")) {
		const char *sub = argc > 1 ? argv[1] : "";
		int nargs = 3;

		if (!strcmp(sub, "add")) {
			req.cmd = OMIPV6_CMD_ADD_CN;
		} else if (!strcmp(sub, "del")) {
			req.cmd = OMIPV6_CMD_DEL_CN;
		} else if (!strcmp(sub, "flush")) {
			req.cmd = OMIPV6_CMD_FLUSH_CN;
			nargs = 2;
		} else {
			fail(2, "cn: expected add ADDR, del ADDR or flush");
		}
		if (argc < nargs)
			fail(2, "cn %s: missing address", sub);
		if (argc > nargs)
			fail(2, "cn %s: unexpected argument '%s'", sub,
			     argv[nargs]);
		if (nargs == 3)
			parse_addr(argv[2], &req.cn);
	} else if (!strcmp(argv[0], "mn")) {
		parse_mn(argc, argv);
	} else if (!strcmp(argv[0], "move")) {
		parse_move(argc, argv);
	} else if (!strcmp(argv[0], "monitor")) {
		req.monitor = true;
		if (argc > 1)
			fail(2, "monitor: unexpected argument '%s'", argv[1]);
	} else {
		fail(2, "unknown command '%s'", argv[0]);
	}
}

/* NLMSG_ERROR: record the error and the extack message, if any. */
static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	unsigned int off = sizeof(*err);
	const struct nlattr *attr;
	struct xfer *x = data;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!err->error)
		return MNL_CB_STOP;
	x->error = -err->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return MNL_CB_STOP;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += mnl_nlmsg_get_payload_len(&err->msg);
	mnl_attr_for_each(attr, nlh, off) {
		if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
		    !mnl_attr_validate(attr, MNL_TYPE_NUL_STRING)) {
			snprintf(x->msg, sizeof(x->msg), "%s",
				 mnl_attr_get_str(attr));
			x->msg[strcspn(x->msg, "\n")] = '\0';
		}
	}
	return MNL_CB_STOP;
}

/* NLMSG_DONE ends a dump; it carries the dump's final error, if any. */
static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct xfer *x = data;
	int err;

	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(err)) {
		memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
		if (err < 0)
			x->error = -err;
	}
	return MNL_CB_STOP;
}

/* One CTRL_ATTR_MCAST_GROUPS entry: remember the "events" group. */
static void mcast_group(const struct nlattr *grp, struct xfer *x)
{
	const struct nlattr *attr;
	const char *name = NULL;
	uint32_t id = 0;

	mnl_attr_for_each_nested(attr, grp) {
		if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GRP_NAME &&
		    !mnl_attr_validate(attr, MNL_TYPE_NUL_STRING))
			name = mnl_attr_get_str(attr);
		else if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GRP_ID &&
			 !mnl_attr_validate(attr, MNL_TYPE_U32))
			id = mnl_attr_get_u32(attr);
	}
	if (name && !strcmp(name, OMIPV6_GENL_MCGRP_EVENTS))
		x->events_grp = id;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *attr, *grp;
	struct xfer *x = data;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
		    !mnl_attr_validate(attr, MNL_TYPE_U16))
			x->family = mnl_attr_get_u16(attr);
		else if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GROUPS)
			mnl_attr_for_each_nested(grp, attr)
				mcast_group(grp, x);
	}
	return MNL_CB_OK;
}

static bool get_addr(const struct nlattr *attr, struct in6_addr *addr)
{
	if (mnl_attr_get_payload_len(attr) != sizeof(*addr))
		return false;
	memcpy(addr, mnl_attr_get_payload(attr), sizeof(*addr));
	return true;
}

static int config_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *attr, *cn;
	struct xfer *x = data;
	struct config *c = x->cfg;
	bool ok = true;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(attr)) {
		case OMIPV6_A_HOME_ADDR:
			c->has_home = get_addr(attr, &c->home);
			ok = ok && c->has_home;
			break;
		case OMIPV6_A_HA_ADDR:
			c->has_ha = get_addr(attr, &c->ha);
			ok = ok && c->has_ha;
			break;
		case OMIPV6_A_MNHA_SPI:
			if (mnl_attr_validate(attr, MNL_TYPE_U32))
				ok = false;
			else
				c->spi = mnl_attr_get_u32(attr);
			break;
		case OMIPV6_A_MNHA_KEY_SET:
			if (mnl_attr_validate(attr, MNL_TYPE_U8))
				ok = false;
			else
				c->key_set = mnl_attr_get_u8(attr);
			break;
		case OMIPV6_A_CN_LIST:
			mnl_attr_for_each_nested(cn, attr) {
				if (mnl_attr_get_type(cn) != OMIPV6_A_CN_ADDR)
					continue;
				if (c->n_cns >= OMIPV6_MAX_CNS ||
				    !get_addr(cn, &c->cns[c->n_cns]))
					ok = false;
				else
					c->n_cns++;
			}
			break;
		}
	}
	if (!ok) {
		snprintf(x->msg, sizeof(x->msg), "malformed reply from kernel");
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

/* One OMIPV6_CMD_GET_MN message: print the mobile node's line. */
static int mn_cb(const struct nlmsghdr *nlh, void *data)
{
	bool has_home = false, has_spi = false, has_coa = false;
	bool has_seq = false, has_life = false;
	char hbuf[INET6_ADDRSTRLEN], cbuf[INET6_ADDRSTRLEN];
	struct in6_addr home, coa;
	uint32_t spi = 0, life = 0;
	const struct nlattr *attr;
	struct xfer *x = data;
	uint16_t seq = 0;
	bool ok = true;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(attr)) {
		case OMIPV6_A_HOME_ADDR:
			has_home = get_addr(attr, &home);
			ok = ok && has_home;
			break;
		case OMIPV6_A_COA_ADDR:
			has_coa = get_addr(attr, &coa);
			ok = ok && has_coa;
			break;
		case OMIPV6_A_MNHA_SPI:
			has_spi = !mnl_attr_validate(attr, MNL_TYPE_U32);
			ok = ok && has_spi;
			if (has_spi)
				spi = mnl_attr_get_u32(attr);
			break;
		case OMIPV6_A_SEQ:
			has_seq = !mnl_attr_validate(attr, MNL_TYPE_U16);
			ok = ok && has_seq;
			if (has_seq)
				seq = mnl_attr_get_u16(attr);
			break;
		case OMIPV6_A_LIFETIME:
			has_life = !mnl_attr_validate(attr, MNL_TYPE_U32);
			ok = ok && has_life;
			if (has_life)
				life = mnl_attr_get_u32(attr);
			break;
		}
	}
	if (!ok || !has_home || !has_spi ||
	    (has_coa && (!has_seq || !has_life))) {
		snprintf(x->msg, sizeof(x->msg), "malformed reply from kernel");
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	inet_ntop(AF_INET6, &home, hbuf, sizeof(hbuf));
	if (has_coa)
		printf("%s spi %u coa %s seq %u lifetime %u\n", hbuf, spi,
		       inet_ntop(AF_INET6, &coa, cbuf, sizeof(cbuf)), seq,
		       life);
	else
		printf("%s spi %u\n", hbuf, spi);
	x->n_mns++;
	return MNL_CB_OK;
}

static const char *event_name(uint8_t type)
{
	switch (type) {
	case OMIPV6_EVENT_MITM:
		return "mitm";
	case OMIPV6_EVENT_TIMEOUT:
		return "timeout";
	case OMIPV6_EVENT_SA_UP:
		return "sa_up";
	case OMIPV6_EVENT_REKEY:
		return "rekey";
	case OMIPV6_EVENT_UNSUPPORTED:
		return "unsupported";
	default:
		return "unknown";
	}
}

/* One OMIPV6_CMD_EVENT: print its line; anything else is skipped. */
static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	char hbuf[INET6_ADDRSTRLEN] = "-", cbuf[INET6_ADDRSTRLEN] = "-";
	const struct nlattr *attr;
	struct in6_addr addr;
	int type = -1;

	(void)data;
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*genl) ||
	    genl->cmd != OMIPV6_CMD_EVENT)
		return MNL_CB_OK;
	mnl_attr_for_each(attr, nlh, sizeof(*genl)) {
		switch (mnl_attr_get_type(attr)) {
		case OMIPV6_A_EVENT_TYPE:
			if (!mnl_attr_validate(attr, MNL_TYPE_U8))
				type = mnl_attr_get_u8(attr);
			break;
		case OMIPV6_A_HOME_ADDR:
			if (get_addr(attr, &addr))
				inet_ntop(AF_INET6, &addr, hbuf, sizeof(hbuf));
			break;
		case OMIPV6_A_CN_ADDR:
			if (get_addr(attr, &addr))
				inet_ntop(AF_INET6, &addr, cbuf, sizeof(cbuf));
			break;
		}
	}
	if (type < 0)
		return MNL_CB_OK;
	printf("event %s home %s cn %s\n", event_name(type), hbuf, cbuf);
	return MNL_CB_OK;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/*
 * Join the events group and print what arrives until SIGINT, SIGTERM
 * or SIGHUP.  stdout is line buffered, so a reader sees each event at
 * once; "listening" on stderr says the group is joined.
 */
static int monitor(struct mnl_socket *nl, struct xfer *x)
{
	struct sigaction sa = { .sa_handler = on_signal };
	unsigned int grp = x->events_grp;
	ssize_t n;

	if (!grp)
		fail(1, "the omipv6 module has no \"%s\" group",
		     OMIPV6_GENL_MCGRP_EVENTS);
	if (mnl_socket_setsockopt(nl, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0)
		fail(1, "cannot join the events group: %s", strerror(errno));
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	fputs(PROG ": listening\n", stderr);
	while (!stop) {
		n = mnl_socket_recvfrom(nl, rbuf, sizeof(rbuf));
		if (n < 0) {
			if (errno == EINTR || errno == ENOBUFS)
				continue;
			fail(1, "receive: %s", strerror(errno));
		}
		if (mnl_cb_run(rbuf, n, 0, 0, event_cb, NULL) < 0 &&
		    errno != ESRCH)
			fail(1, "malformed event: %s", strerror(errno));
	}
	return 0;
}

/* Send the request in sbuf and process replies up to the final ack. */
static int transact(struct mnl_socket *nl, struct nlmsghdr *nlh,
		    mnl_cb_t data_cb, struct xfer *x)
{
	mnl_cb_t ctl_cb[NLMSG_MIN_TYPE] = { [NLMSG_ERROR] = error_cb,
					    [NLMSG_DONE] = done_cb };
	unsigned int portid = mnl_socket_get_portid(nl);
	ssize_t n = mnl_socket_sendto(nl, nlh, nlh->nlmsg_len);
	int ret;

	/* The request may carry the key; it is not needed any more. */
	explicit_bzero(sbuf, sizeof(sbuf));
	if (n < 0)
		return errno;
	do {
		n = mnl_socket_recvfrom(nl, rbuf, sizeof(rbuf));
		if (n < 0)
			return errno;
		ret = mnl_cb_run2(rbuf, n, nlh->nlmsg_seq, portid, data_cb, x,
				  ctl_cb, NLMSG_MIN_TYPE);
	} while (ret == MNL_CB_OK);
	if (ret < 0)
		return errno;
	return x->error;
}

static struct nlmsghdr *new_msg(uint16_t type, uint8_t cmd, uint8_t version)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(sbuf);
	struct genlmsghdr *genl;
	static unsigned int seq;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

static void print_addr(const char *name, bool set, const struct in6_addr *a)
{
	if (set) {
		char buf[INET6_ADDRSTRLEN];

		printf("%s %s\n", name,
		       inet_ntop(AF_INET6, a, buf, sizeof(buf)));
	} else {
		printf("%s -\n", name);
	}
}

int main(int argc, char **argv)
{
	static struct config cfg;
	struct xfer x = { .cfg = &cfg };
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	int one = 1, err;

	atexit(wipe);
	parse_args(argc, argv);

	nl = mnl_socket_open(NETLINK_GENERIC);
	if (!nl)
		fail(1, "cannot open generic netlink socket: %s",
		     strerror(errno));
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		fail(1, "cannot bind netlink socket: %s", strerror(errno));
	/* Best effort: older kernels lack these and just give less detail. */
	mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));
	/* Do not get the request (and so the key) echoed back on error. */
	mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one));

	nlh = new_msg(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, OMIPV6_GENL_NAME);
	err = transact(nl, nlh, family_cb, &x);
	if (err == ENOENT || (!err && !x.family))
		fail(1, "omipv6 module not loaded (generic netlink family \""
		     OMIPV6_GENL_NAME "\" not found)");
	if (err)
		fail(1, "%s", x.msg[0] ? x.msg : strerror(err));
	if (req.monitor)
		return monitor(nl, &x);

	nlh = new_msg(x.family, req.cmd, OMIPV6_GENL_VERSION);
	if (req.dump)
		nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	if (req.has_home)
		mnl_attr_put(nlh, OMIPV6_A_HOME_ADDR, sizeof(req.home),
			     &req.home);
	if (req.has_ha)
		mnl_attr_put(nlh, OMIPV6_A_HA_ADDR, sizeof(req.ha), &req.ha);
	if (req.has_spi)
		mnl_attr_put_u32(nlh, OMIPV6_A_MNHA_SPI, req.spi);
	if (req.has_key)
		mnl_attr_put(nlh, OMIPV6_A_MNHA_KEY, req.key_len, req.key);
	explicit_bzero(req.key, sizeof(req.key));	/* copied into sbuf */
	if (req.cmd == OMIPV6_CMD_ADD_CN || req.cmd == OMIPV6_CMD_DEL_CN)
		mnl_attr_put(nlh, OMIPV6_A_CN_ADDR, sizeof(req.cn), &req.cn);
	if (req.has_ifindex)
		mnl_attr_put_u32(nlh, OMIPV6_A_IFINDEX, req.ifindex);

	x.msg[0] = '\0';
	err = transact(nl, nlh, req.cmd == OMIPV6_CMD_GET_CONFIG ? config_cb :
		       req.cmd == OMIPV6_CMD_GET_MN ? mn_cb : NULL, &x);
	mnl_socket_close(nl);
	if (err)
		fail(1, "%s", x.msg[0] ? x.msg : strerror(err));

	if (req.cmd == OMIPV6_CMD_GET_CONFIG) {
		/* An all-zero address means "not set", as in SET_CONFIG. */
		print_addr("home", cfg.has_home &&
			   !IN6_IS_ADDR_UNSPECIFIED(&cfg.home), &cfg.home);
		print_addr("ha", cfg.has_ha &&
			   !IN6_IS_ADDR_UNSPECIFIED(&cfg.ha), &cfg.ha);
		printf("spi %u\n", cfg.spi);
		printf("mnha_key %s\n", cfg.key_set ? "set" : "unset");
		for (unsigned int i = 0; i < cfg.n_cns; i++)
			print_addr("cn", true, &cfg.cns[i]);
	}
	return 0;
}
