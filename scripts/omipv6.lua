-- SPDX-License-Identifier: GPL-2.0
--
-- Wireshark dissector for the OMIPv6 messages (doc/wire-format.md):
-- Mobility Header type 11 (Experimental, RFC 5096) carrying DH1..DH4,
-- and the Kabm authenticator, mobility option 18 (Experimental)
-- subtype 1, inside Binding Updates and Acknowledgements.
--
--   tshark -X lua_script:scripts/omipv6.lua -r FILE -V
--
-- or copy this file into a Wireshark Lua plugin directory
-- (~/.local/lib/wireshark/plugins/).
--
-- Wireshark's mip6 dissector has no table for Mobility Header types: it
-- shows a type 11 message as bytes (mip6.em.data) and skips its options.
-- This script takes over IP protocol 135, hands every Mobility Header to
-- the mip6 dissector unchanged, and adds an OMIPv6 tree after it for
-- type 11.  The Kabm authenticator replaces mip6's entry for option 18
-- in the "mip6.option" table; other option 18 subtypes still go to the
-- entry it replaces.
--
-- A message shorter than its subtype needs, or cut short in the packet,
-- gets an expert info of group Malformed, severity Error (omipv6.short);
-- fields past the end are left out.

local MH_TYPE_EXPERIMENTAL = 11
local OPT_PAD1 = 0
local OPT_EXPERIMENTAL = 18
local XOPT_KABM_AUTH = 1
local KABM_LEN = 22
local OMI_VERSION = 1

local DH1, DH2, DH3, DH4 = 1, 2, 3, 4
local GROUP_FFDHE2048, GROUP_X25519 = 1, 2

-- Offsets from the first octet of the Mobility Header.
local OFF_SUBTYPE = 6
local OFF_VERSION = 7
local OFF_SID_MN = 8
local OFF_SID_CN = 12
local OFF_NONCE = 16
local OFF_GROUP = 32
local OFF_GROUPS = 34
local OFF_PUB_LEN = 36
local OFF_PUB_RSV = 38
local OFF_PUB = 40
local OFF_ID = 16
local DH3_OFF_SIG = 32
local DH4_OFF_FLAGS = 32
local DH4_OFF_RSV = 34
local DH4_OFF_LIFETIME = 36
local DH4_OFF_SIG = 40
local HDR_END = 16
local NONCE_LEN = 16
local ID_LEN = 16
local SIG_LEN = 32
local MAC_LEN = 32

local subtype_names = {
	[DH1] = "DH1",
	[DH2] = "DH2",
	[DH3] = "DH3",
	[DH4] = "DH4",
}

local group_names = {
	[GROUP_FFDHE2048] = "ffdhe2048",
	[GROUP_X25519] = "X25519",
}

local group_pub_len = {
	[GROUP_FFDHE2048] = 256,
	[GROUP_X25519] = 32,
}

local omipv6 = Proto("omipv6", "OMIPv6 (Experimental Mobility Header)")

local f = {
	subtype = ProtoField.uint8("omipv6.subtype", "Subtype", base.DEC,
				   subtype_names),
	version = ProtoField.uint8("omipv6.version", "Version", base.DEC),
	sid_mn = ProtoField.uint32("omipv6.sid_mn", "sid_MN", base.HEX),
	sid_cn = ProtoField.uint32("omipv6.sid_cn", "sid_CN", base.HEX),
	nonce = ProtoField.bytes("omipv6.nonce", "Nonce"),
	group = ProtoField.uint16("omipv6.group", "DH group", base.DEC,
				 group_names),
	groups = ProtoField.uint16("omipv6.groups", "Groups offered",
				  base.HEX),
	groups_ffdhe2048 = ProtoField.bool("omipv6.groups.ffdhe2048",
					   "ffdhe2048", 16, nil, 0x0002),
	groups_x25519 = ProtoField.bool("omipv6.groups.x25519", "X25519", 16,
					nil, 0x0004),
	flags = ProtoField.uint16("omipv6.flags", "Flags", base.HEX),
	pub_len = ProtoField.uint16("omipv6.pub_len", "Public value length",
				   base.DEC),
	reserved = ProtoField.uint16("omipv6.reserved", "Reserved", base.HEX),
	pub = ProtoField.bytes("omipv6.pub", "Public value"),
	pad = ProtoField.bytes("omipv6.pad", "Padding"),
	sig = ProtoField.bytes("omipv6.sig", "SIG"),
	mac = ProtoField.bytes("omipv6.mac", "MAC"),
	id = ProtoField.ipv6("omipv6.id", "Identity"),
	lifetime = ProtoField.uint32("omipv6.lifetime", "SA lifetime",
				    base.DEC),
	data = ProtoField.bytes("omipv6.data", "Undecoded data"),
	opt_type = ProtoField.uint8("omipv6.opt.type", "Option type",
				   base.DEC),
	opt_len = ProtoField.uint8("omipv6.opt.len", "Option length",
				  base.DEC),
	opt_data = ProtoField.bytes("omipv6.opt.data", "Option data"),
}
omipv6.fields = f

local ef = {
	short = ProtoExpert.new("omipv6.short",
				"OMIPv6 message cut short",
				expert.group.MALFORMED,
				expert.severity.ERROR),
	subtype = ProtoExpert.new("omipv6.unknown_subtype",
				  "Unknown OMIPv6 subtype",
				  expert.group.PROTOCOL, expert.severity.WARN),
	version = ProtoExpert.new("omipv6.unknown_version",
				  "Unknown OMIPv6 version",
				  expert.group.PROTOCOL, expert.severity.WARN),
	pub_len = ProtoExpert.new("omipv6.pub_len.mismatch",
				  "Public value length does not match the group",
				  expert.group.PROTOCOL, expert.severity.WARN),
	opt = ProtoExpert.new("omipv6.opt.bad",
			      "Mobility option runs past the message",
			      expert.group.MALFORMED, expert.severity.ERROR),
}
omipv6.experts = { ef.short, ef.subtype, ef.version, ef.pub_len, ef.opt }

local kabm = Proto("omipv6.kabm", "OMIPv6 Kabm Authenticator")

local kf = {
	type = ProtoField.uint8("omipv6.kabm.type", "Type", base.DEC),
	len = ProtoField.uint8("omipv6.kabm.len", "Length", base.DEC),
	subtype = ProtoField.uint8("omipv6.kabm.subtype", "Subtype", base.DEC),
	reserved = ProtoField.uint8("omipv6.kabm.reserved", "Reserved",
				    base.HEX),
	epoch = ProtoField.uint32("omipv6.kabm.epoch", "Key epoch", base.DEC),
	icv = ProtoField.bytes("omipv6.kabm.icv", "ICV"),
}
kabm.fields = kf

local kef = {
	len = ProtoExpert.new("omipv6.kabm.bad_len",
			      "Kabm authenticator length is not 22",
			      expert.group.MALFORMED, expert.severity.ERROR),
}
kabm.experts = { kef.len }

local function pad8(n)
	return (n + 7) - (n + 7) % 8
end

-- A cursor over the octets of one message that are in the packet:
-- add() puts a field into the tree when all its octets are there, and
-- otherwise marks the message as cut short, once, and refuses.
local function new_msg(what, tvb, tree, pinfo, avail)
	local m = { tvb = tvb, tree = tree, pinfo = pinfo, avail = avail,
		    short = false }

	function m.has(off, len)
		if off + len <= m.avail then
			return true
		end
		if not m.short then
			m.short = true
			m.tree:add_proto_expert_info(ef.short, string.format(
				"%s cut short: octets %d..%d needed, it has %d",
				what, off, off + len - 1, m.avail))
		end
		return false
	end

	function m.add(field, off, len)
		if not m.has(off, len) then
			return nil
		end
		return m.tree:add(field, m.tvb(off, len))
	end

	function m.uint(off, len)
		if off + len > m.avail then
			return nil
		end
		return m.tvb(off, len):uint()
	end

	return m
end

local mip6_option_table = DissectorTable.get("mip6.option")

-- Mobility options from @off to the end of the message (Pad1, PadN and
-- unknown options in an OMIPv6 message); known types go to mip6's
-- option dissectors.
local function dissect_options(m, off)
	if off >= m.avail then
		return
	end
	local tree = m.tree:add(m.tvb(off, m.avail - off), "Mobility Options")
	while off < m.avail do
		local t = m.tvb(off, 1):uint()
		if t == OPT_PAD1 then
			local item = tree:add(f.opt_type, m.tvb(off, 1))
			item:append_text(" (Pad1)")
			off = off + 1
		elseif off + 2 > m.avail or
			off + 2 + m.tvb(off + 1, 1):uint() > m.avail then
			tree:add_tvb_expert_info(ef.opt, m.tvb(off, m.avail - off))
			return
		else
			local len = m.tvb(off + 1, 1):uint()
			local otvb = m.tvb(off, len + 2):tvb()
			local ok = mip6_option_table:get_dissector(t) and
				pcall(DissectorTable.try, mip6_option_table, t,
				      otvb, m.pinfo, tree)
			if not ok then
				local ot = tree:add(m.tvb(off, len + 2),
						    "Mobility option")
				ot:add(f.opt_type, m.tvb(off, 1))
				ot:add(f.opt_len, m.tvb(off + 1, 1))
				if len > 0 then
					ot:add(f.opt_data, m.tvb(off + 2, len))
				end
			end
			off = off + 2 + len
		end
	end
end

-- DH1 and DH2: nonce, group, offered groups (DH1) or flags (DH2), public
-- value, SIG and, in DH2, MAC.  Returns the end of the fixed part.
local function dissect_dh12(m, subtype)
	m.add(f.nonce, OFF_NONCE, NONCE_LEN)
	local gi = m.add(f.group, OFF_GROUP, 2)
	if subtype == DH1 then
		local gs = m.add(f.groups, OFF_GROUPS, 2)
		if gs then
			gs:add(f.groups_ffdhe2048, m.tvb(OFF_GROUPS, 2))
			gs:add(f.groups_x25519, m.tvb(OFF_GROUPS, 2))
		end
	else
		m.add(f.flags, OFF_GROUPS, 2)
	end
	local li = m.add(f.pub_len, OFF_PUB_LEN, 2)
	m.add(f.reserved, OFF_PUB_RSV, 2)
	if not li then
		return m.avail
	end
	local group = m.uint(OFF_GROUP, 2)
	local len = m.uint(OFF_PUB_LEN, 2)
	if gi and group_pub_len[group] and group_pub_len[group] ~= len then
		li:add_proto_expert_info(ef.pub_len, string.format(
			"Public value length %d, group %s takes %d", len,
			group_names[group], group_pub_len[group]))
	end
	if len > 0 and not m.add(f.pub, OFF_PUB, len) then
		return m.avail
	end
	if pad8(len) > len and m.has(OFF_PUB + len, pad8(len) - len) then
		m.add(f.pad, OFF_PUB + len, pad8(len) - len)
	end
	local off = OFF_PUB + pad8(len)
	m.add(f.sig, off, SIG_LEN)
	off = off + SIG_LEN
	if subtype == DH2 then
		m.add(f.mac, off, MAC_LEN)
		off = off + MAC_LEN
	end
	if group_names[group] then
		m.pinfo.cols.info:append(" " .. group_names[group])
	end
	return off
end

local function dissect_dh3(m)
	m.add(f.id, OFF_ID, ID_LEN)
	m.add(f.sig, DH3_OFF_SIG, SIG_LEN)
	m.add(f.mac, DH3_OFF_SIG + SIG_LEN, MAC_LEN)
	return DH3_OFF_SIG + SIG_LEN + MAC_LEN
end

local function dissect_dh4(m)
	m.add(f.id, OFF_ID, ID_LEN)
	m.add(f.flags, DH4_OFF_FLAGS, 2)
	m.add(f.reserved, DH4_OFF_RSV, 2)
	local li = m.add(f.lifetime, DH4_OFF_LIFETIME, 4)
	if li and m.uint(DH4_OFF_LIFETIME, 4) == 0 then
		li:append_text(" (no limit)")
	elseif li then
		li:append_text(" seconds")
	end
	m.add(f.sig, DH4_OFF_SIG, SIG_LEN)
	m.add(f.mac, DH4_OFF_SIG + SIG_LEN, MAC_LEN)
	return DH4_OFF_SIG + SIG_LEN + MAC_LEN
end

-- The OMIPv6 part of a type 11 Mobility Header at the start of @tvb.
local function dissect_omi(tvb, pinfo, tree)
	local hdr_len = (tvb(1, 1):uint() + 1) * 8
	local avail = math.min(hdr_len, tvb:len())
	local root = tree:add(omipv6, tvb(0, avail))
	local m = new_msg("OMIPv6 message", tvb, root, pinfo, avail)

	pinfo.cols.protocol = "OMIPv6"
	if avail < hdr_len then
		root:add_proto_expert_info(ef.short, string.format(
			"Header Len says %d octets, the packet holds %d",
			hdr_len, avail))
		m.short = true
	end
	local si = m.add(f.subtype, OFF_SUBTYPE, 1)
	m.add(f.version, OFF_VERSION, 1)
	m.add(f.sid_mn, OFF_SID_MN, 4)
	m.add(f.sid_cn, OFF_SID_CN, 4)
	if not m.has(OFF_SUBTYPE, HDR_END - OFF_SUBTYPE) then
		pinfo.cols.info = "OMIPv6 (cut short)"
		return
	end

	local subtype = m.uint(OFF_SUBTYPE, 1)
	local version = m.uint(OFF_VERSION, 1)
	local name = subtype_names[subtype] or
		string.format("subtype %d", subtype)
	root:append_text(", " .. name)
	pinfo.cols.info = string.format("OMIPv6 %s sid_MN=0x%08x sid_CN=0x%08x",
					name, m.uint(OFF_SID_MN, 4),
					m.uint(OFF_SID_CN, 4))
	local off
	if not subtype_names[subtype] then
		si:add_proto_expert_info(ef.subtype)
	elseif version ~= OMI_VERSION then
		root:add_proto_expert_info(ef.version, string.format(
			"OMIPv6 version %d: only version %d is known", version,
			OMI_VERSION))
	elseif subtype == DH1 or subtype == DH2 then
		off = dissect_dh12(m, subtype)
	elseif subtype == DH3 then
		off = dissect_dh3(m)
	else
		off = dissect_dh4(m)
	end
	if not off then
		if avail > HDR_END then
			root:add(f.data, tvb(HDR_END, avail - HDR_END))
		end
		return
	end
	if m.short then
		pinfo.cols.info:append(" (cut short)")
	else
		dissect_options(m, off)
	end
end

-- The Kabm authenticator option; any other option 18 goes to the
-- dissector this one replaces (never to itself, should the table still
-- hold this script's entry from an earlier load), or shows as an
-- undecoded option.
local mip6_em_option = mip6_option_table:get_dissector(OPT_EXPERIMENTAL)
if mip6_em_option and tostring(mip6_em_option) == kabm.description then
	mip6_em_option = nil
end

function kabm.dissector(tvb, pinfo, tree)
	if tvb:len() < 3 or tvb(2, 1):uint() ~= XOPT_KABM_AUTH then
		if mip6_em_option then
			return mip6_em_option:call(tvb, pinfo, tree)
		end
		local ot = tree:add(tvb(), "Experimental option")
		ot:add(f.opt_type, tvb(0, 1))
		ot:add(f.opt_len, tvb(1, 1))
		if tvb:len() > 2 then
			ot:add(f.opt_data, tvb(2))
		end
		return tvb:len()
	end
	local root = tree:add(kabm, tvb())
	local m = new_msg("Kabm authenticator", tvb, root, pinfo, tvb:len())
	m.add(kf.type, 0, 1)
	local li = m.add(kf.len, 1, 1)
	if tvb(1, 1):uint() ~= KABM_LEN then
		li:add_proto_expert_info(kef.len)
	end
	m.add(kf.subtype, 2, 1)
	m.add(kf.reserved, 3, 1)
	if m.add(kf.epoch, 4, 4) then
		local epoch = tvb(4, 4):uint()
		root:append_text(string.format(", epoch %d", epoch))
		pinfo.cols.info:append(string.format(" (Kabm epoch %d)", epoch))
	end
	m.add(kf.icv, 8, 16)
	return tvb:len()
end

-- Every Mobility Header goes to the mip6 dissector first; a failure
-- there (say, a Header Len past the packet) has already been shown as
-- malformed by Dissector.call and must not stop the OMIPv6 tree.
local ip_proto_table = DissectorTable.get("ip.proto")
local mip6 = Dissector.get("mip6")

function omipv6.dissector(tvb, pinfo, tree)
	local ok = pcall(mip6.call, mip6, tvb, pinfo, tree)
	if tvb:len() >= 3 and tvb(2, 1):uint() == MH_TYPE_EXPERIMENTAL then
		dissect_omi(tvb, pinfo, tree)
		if not ok then
			pinfo.cols.info:append(" [Malformed Packet]")
		end
	end
	return tvb:len()
end

ip_proto_table:add(135, omipv6)
mip6_option_table:add(OPT_EXPERIMENTAL, kabm)
