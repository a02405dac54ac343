# rosgen 0.1.0: policy "cafe" for RouterOS 6 (294 items)
# sources: cafe.pol
# sha256 of the sources: 0f7205176f4c4da07cf8d8b7d76454009db4ce5b1116ceb4ab7f8d5a76fc8efe
# traffic profile: built-in, sha256 ad22ef86b94cde26546d8190fd8096bef3145898eb58040e5b0196057cd8c3c8
#
# Every item rosgen owns carries comment="rosgen:cafe:<id>" (queue types, which
# have no comment, are named rosgen-cafe-...); this script and `rosgen diff` only
# ever touch those. Import on the router with /import file-name=...
#
# Importing again converges: the script first removes every item policy "cafe"
# owns, also queues named rosgen-cafe-... (nothing on a first import; the operator's rules, dynamic rules and the hosts
# in its quarantine list stay), then adds them afresh, so the router ends with exactly
# the 294 items below (the FastTrack guard's jump only where the router
# fast-tracks), whatever version of the policy it held before.
# While it runs, the policy lapses: from the first remove below to the last anchor
# (the 304 commands of this script) the router's traffic is not checked by
# policy "cafe". To change a router in service without that gap, apply
# `rosgen diff --script` instead (changes only, the policy protecting throughout).
# Owned chains come first; the anchors that jump into them are added last.
#
# Stop before anything changes if an interface or interface list the policy names is
# missing (RouterOS would refuse the first rule naming it, half-way through).
:if ([:len [/interface find where name="bridge"]] = 0) do={ :error "rosgen: no interface bridge on this router; nothing was changed" }
:if ([:len [/interface find where name="ether1"]] = 0) do={ :error "rosgen: no interface ether1 on this router; nothing was changed" }
#
# Remove what an earlier import of policy "cafe" left (a no-op on a first import).
/ip firewall filter remove [find where comment~"^rosgen:cafe:"]
/ip firewall mangle remove [find where comment~"^rosgen:cafe:"]
/ip firewall layer7-protocol remove [find where comment~"^rosgen:cafe:"]
/ip firewall layer7-protocol remove [find where name~"^rosgen-cafe-"]
/queue tree remove [find where comment~"^rosgen:cafe:"]
/queue tree remove [find where name~"^rosgen-cafe-"]
/queue type remove [find where name~"^rosgen-cafe-"]
/ip firewall address-list remove [find where comment~"^rosgen:cafe:"]
/queue type
# smtp-syn: 5 SYN per 1m per client host, shaped by a PCQ queue (an approximation: a queue delays SYNs over the rate before it drops them)
#   rate = 5 SYN x 60 B x 8 bit / 60 s = 2400/60 = 40 bit/s per source (rounded up; a SYN is 40-60 B)
#   queue holds 1 KiB per source: the burst of 5 SYNs x 60 B, rounded up to whole KiB, so it really holds up to 17 SYNs of 60 B (25 of 40 B) before it drops
#   pcq-limit in KiB as RouterOS 6 prints it from 6.35.1 on (unverified for older releases, which may count packets)
add kind=pcq name=rosgen-cafe-smtp-syn pcq-classifier=src-address pcq-limit=1KiB pcq-rate=40
/ip firewall layer7-protocol
# proxy-connect, stage 1: at start nocase "CONNECT "
# must open the client's data; checked on its first data packet, in lower case (layer7 lower-cases the data)
add comment="rosgen:cafe:proxy-connect.lit1.layer7" name=rosgen-cafe-proxy-connect-1 regexp="^[\\x0d\\x0a]*(connect )"
/ip firewall mangle
add action=mark-packet chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-syn.forward" connection-state=new dst-port=25,465,587 new-packet-mark=rosgen-cafe-smtp-syn passthrough=yes protocol=tcp tcp-flags=syn,!ack
add action=return chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-syn.forward.done" packet-mark=rosgen-cafe-smtp-syn
add action=passthrough chain=rosgen-cafe-fwd comment="rosgen:cafe:proxy-connect.lit1.layer7-start.forward" connection-state=new dst-port=80,3128,8080 layer7-protocol=rosgen-cafe-proxy-connect-1 protocol=tcp tcp-flags=syn,!ack
add action=jump chain=rosgen-cafe-fwd comment="rosgen:cafe:proxy-connect.gate.forward" connection-bytes=0-1860 connection-mark=!rosgen-cafe-proxy-connect dst-port=80,3128,8080 jump-target=rosgen-cafe-sig-proxy-connect packet-size=55-65535 protocol=tcp tcp-flags=!syn
add action=jump chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-bot.gate.forward" connection-bytes=0-4096 connection-mark=!rosgen-cafe-smtp-bot dst-port=25,587 jump-target=rosgen-cafe-sig-smtp-bot packet-size=44-65535 protocol=tcp tcp-flags=!syn
# proxy-connect: in one packet; stages in the order tested (rosgen compile --explain shows the expected cost):
#   1. at start nocase "CONNECT ": 128 case form(s)
#   2. "HTTP/1.": 1 case form(s)
# proxy-connect.lit1: probe "T " in 2 case forms, each a jump to a chain of its own (rosgen-cafe-sig-proxy-connect-lit1-N) that narrows the case further (3 levels), then the full forms that agree with it
add action=jump chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.probe.v00" connection-mark=!rosgen-cafe-proxy-connect content="T " jump-target=rosgen-cafe-sig-proxy-connect-lit1-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-1 comment="rosgen:cafe:proxy-connect.lit1.probe.1.v00" connection-mark=!rosgen-cafe-proxy-connect content="CT " jump-target=rosgen-cafe-sig-proxy-connect-lit1-2
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-2 comment="rosgen:cafe:proxy-connect.lit1.probe.2.v00" connection-mark=!rosgen-cafe-proxy-connect content="NECT " jump-target=rosgen-cafe-sig-proxy-connect-lit1-3
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-2 comment="rosgen:cafe:proxy-connect.lit1.probe.2.v01" connection-mark=!rosgen-cafe-proxy-connect content="nECT " jump-target=rosgen-cafe-sig-proxy-connect-lit1-4
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-2 comment="rosgen:cafe:proxy-connect.lit1.probe.2.v02" connection-mark=!rosgen-cafe-proxy-connect content="NeCT " jump-target=rosgen-cafe-sig-proxy-connect-lit1-5
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-2 comment="rosgen:cafe:proxy-connect.lit1.probe.2.v03" connection-mark=!rosgen-cafe-proxy-connect content="neCT " jump-target=rosgen-cafe-sig-proxy-connect-lit1-6
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-1 comment="rosgen:cafe:proxy-connect.lit1.probe.1.v01" connection-mark=!rosgen-cafe-proxy-connect content="cT " jump-target=rosgen-cafe-sig-proxy-connect-lit1-7
add action=jump chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.probe.v01" connection-mark=!rosgen-cafe-proxy-connect content="t " jump-target=rosgen-cafe-sig-proxy-connect-lit1-8
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-8 comment="rosgen:cafe:proxy-connect.lit1.probe.8.v02" connection-mark=!rosgen-cafe-proxy-connect content="Ct " jump-target=rosgen-cafe-sig-proxy-connect-lit1-9
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-8 comment="rosgen:cafe:proxy-connect.lit1.probe.8.v03" connection-mark=!rosgen-cafe-proxy-connect content="ct " jump-target=rosgen-cafe-sig-proxy-connect-lit1-10
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-3 comment="rosgen:cafe:proxy-connect.lit1.v00" connection-mark=!rosgen-cafe-proxy-connect content="CONNECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-3 comment="rosgen:cafe:proxy-connect.lit1.v01" connection-mark=!rosgen-cafe-proxy-connect content="cONNECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-3 comment="rosgen:cafe:proxy-connect.lit1.v02" connection-mark=!rosgen-cafe-proxy-connect content="CoNNECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-3 comment="rosgen:cafe:proxy-connect.lit1.v03" connection-mark=!rosgen-cafe-proxy-connect content="coNNECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-3 comment="rosgen:cafe:proxy-connect.lit1.v04" connection-mark=!rosgen-cafe-proxy-connect content="COnNECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-3 comment="rosgen:cafe:proxy-connect.lit1.v05" connection-mark=!rosgen-cafe-proxy-connect content="cOnNECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-3 comment="rosgen:cafe:proxy-connect.lit1.v06" connection-mark=!rosgen-cafe-proxy-connect content="ConNECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-3 comment="rosgen:cafe:proxy-connect.lit1.v07" connection-mark=!rosgen-cafe-proxy-connect content="conNECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-4 comment="rosgen:cafe:proxy-connect.lit1.v08" connection-mark=!rosgen-cafe-proxy-connect content="CONnECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-4 comment="rosgen:cafe:proxy-connect.lit1.v09" connection-mark=!rosgen-cafe-proxy-connect content="cONnECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-4 comment="rosgen:cafe:proxy-connect.lit1.v0a" connection-mark=!rosgen-cafe-proxy-connect content="CoNnECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-4 comment="rosgen:cafe:proxy-connect.lit1.v0b" connection-mark=!rosgen-cafe-proxy-connect content="coNnECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-4 comment="rosgen:cafe:proxy-connect.lit1.v0c" connection-mark=!rosgen-cafe-proxy-connect content="COnnECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-4 comment="rosgen:cafe:proxy-connect.lit1.v0d" connection-mark=!rosgen-cafe-proxy-connect content="cOnnECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-4 comment="rosgen:cafe:proxy-connect.lit1.v0e" connection-mark=!rosgen-cafe-proxy-connect content="ConnECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-4 comment="rosgen:cafe:proxy-connect.lit1.v0f" connection-mark=!rosgen-cafe-proxy-connect content="connECT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-5 comment="rosgen:cafe:proxy-connect.lit1.v10" connection-mark=!rosgen-cafe-proxy-connect content="CONNeCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-5 comment="rosgen:cafe:proxy-connect.lit1.v11" connection-mark=!rosgen-cafe-proxy-connect content="cONNeCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-5 comment="rosgen:cafe:proxy-connect.lit1.v12" connection-mark=!rosgen-cafe-proxy-connect content="CoNNeCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-5 comment="rosgen:cafe:proxy-connect.lit1.v13" connection-mark=!rosgen-cafe-proxy-connect content="coNNeCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-5 comment="rosgen:cafe:proxy-connect.lit1.v14" connection-mark=!rosgen-cafe-proxy-connect content="COnNeCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-5 comment="rosgen:cafe:proxy-connect.lit1.v15" connection-mark=!rosgen-cafe-proxy-connect content="cOnNeCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-5 comment="rosgen:cafe:proxy-connect.lit1.v16" connection-mark=!rosgen-cafe-proxy-connect content="ConNeCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-5 comment="rosgen:cafe:proxy-connect.lit1.v17" connection-mark=!rosgen-cafe-proxy-connect content="conNeCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-6 comment="rosgen:cafe:proxy-connect.lit1.v18" connection-mark=!rosgen-cafe-proxy-connect content="CONneCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-6 comment="rosgen:cafe:proxy-connect.lit1.v19" connection-mark=!rosgen-cafe-proxy-connect content="cONneCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-6 comment="rosgen:cafe:proxy-connect.lit1.v1a" connection-mark=!rosgen-cafe-proxy-connect content="CoNneCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-6 comment="rosgen:cafe:proxy-connect.lit1.v1b" connection-mark=!rosgen-cafe-proxy-connect content="coNneCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-6 comment="rosgen:cafe:proxy-connect.lit1.v1c" connection-mark=!rosgen-cafe-proxy-connect content="COnneCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-6 comment="rosgen:cafe:proxy-connect.lit1.v1d" connection-mark=!rosgen-cafe-proxy-connect content="cOnneCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-6 comment="rosgen:cafe:proxy-connect.lit1.v1e" connection-mark=!rosgen-cafe-proxy-connect content="ConneCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-6 comment="rosgen:cafe:proxy-connect.lit1.v1f" connection-mark=!rosgen-cafe-proxy-connect content="conneCT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v20" connection-mark=!rosgen-cafe-proxy-connect content="CONNEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v21" connection-mark=!rosgen-cafe-proxy-connect content="cONNEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v22" connection-mark=!rosgen-cafe-proxy-connect content="CoNNEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v23" connection-mark=!rosgen-cafe-proxy-connect content="coNNEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v24" connection-mark=!rosgen-cafe-proxy-connect content="COnNEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v25" connection-mark=!rosgen-cafe-proxy-connect content="cOnNEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v26" connection-mark=!rosgen-cafe-proxy-connect content="ConNEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v27" connection-mark=!rosgen-cafe-proxy-connect content="conNEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v28" connection-mark=!rosgen-cafe-proxy-connect content="CONnEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v29" connection-mark=!rosgen-cafe-proxy-connect content="cONnEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v2a" connection-mark=!rosgen-cafe-proxy-connect content="CoNnEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v2b" connection-mark=!rosgen-cafe-proxy-connect content="coNnEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v2c" connection-mark=!rosgen-cafe-proxy-connect content="COnnEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v2d" connection-mark=!rosgen-cafe-proxy-connect content="cOnnEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v2e" connection-mark=!rosgen-cafe-proxy-connect content="ConnEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v2f" connection-mark=!rosgen-cafe-proxy-connect content="connEcT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v30" connection-mark=!rosgen-cafe-proxy-connect content="CONNecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v31" connection-mark=!rosgen-cafe-proxy-connect content="cONNecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v32" connection-mark=!rosgen-cafe-proxy-connect content="CoNNecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v33" connection-mark=!rosgen-cafe-proxy-connect content="coNNecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v34" connection-mark=!rosgen-cafe-proxy-connect content="COnNecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v35" connection-mark=!rosgen-cafe-proxy-connect content="cOnNecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v36" connection-mark=!rosgen-cafe-proxy-connect content="ConNecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v37" connection-mark=!rosgen-cafe-proxy-connect content="conNecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v38" connection-mark=!rosgen-cafe-proxy-connect content="CONnecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v39" connection-mark=!rosgen-cafe-proxy-connect content="cONnecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v3a" connection-mark=!rosgen-cafe-proxy-connect content="CoNnecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v3b" connection-mark=!rosgen-cafe-proxy-connect content="coNnecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v3c" connection-mark=!rosgen-cafe-proxy-connect content="COnnecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v3d" connection-mark=!rosgen-cafe-proxy-connect content="cOnnecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v3e" connection-mark=!rosgen-cafe-proxy-connect content="ConnecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-7 comment="rosgen:cafe:proxy-connect.lit1.v3f" connection-mark=!rosgen-cafe-proxy-connect content="connecT " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v40" connection-mark=!rosgen-cafe-proxy-connect content="CONNECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v41" connection-mark=!rosgen-cafe-proxy-connect content="cONNECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v42" connection-mark=!rosgen-cafe-proxy-connect content="CoNNECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v43" connection-mark=!rosgen-cafe-proxy-connect content="coNNECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v44" connection-mark=!rosgen-cafe-proxy-connect content="COnNECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v45" connection-mark=!rosgen-cafe-proxy-connect content="cOnNECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v46" connection-mark=!rosgen-cafe-proxy-connect content="ConNECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v47" connection-mark=!rosgen-cafe-proxy-connect content="conNECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v48" connection-mark=!rosgen-cafe-proxy-connect content="CONnECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v49" connection-mark=!rosgen-cafe-proxy-connect content="cONnECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v4a" connection-mark=!rosgen-cafe-proxy-connect content="CoNnECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v4b" connection-mark=!rosgen-cafe-proxy-connect content="coNnECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v4c" connection-mark=!rosgen-cafe-proxy-connect content="COnnECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v4d" connection-mark=!rosgen-cafe-proxy-connect content="cOnnECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v4e" connection-mark=!rosgen-cafe-proxy-connect content="ConnECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v4f" connection-mark=!rosgen-cafe-proxy-connect content="connECt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v50" connection-mark=!rosgen-cafe-proxy-connect content="CONNeCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v51" connection-mark=!rosgen-cafe-proxy-connect content="cONNeCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v52" connection-mark=!rosgen-cafe-proxy-connect content="CoNNeCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v53" connection-mark=!rosgen-cafe-proxy-connect content="coNNeCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v54" connection-mark=!rosgen-cafe-proxy-connect content="COnNeCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v55" connection-mark=!rosgen-cafe-proxy-connect content="cOnNeCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v56" connection-mark=!rosgen-cafe-proxy-connect content="ConNeCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v57" connection-mark=!rosgen-cafe-proxy-connect content="conNeCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v58" connection-mark=!rosgen-cafe-proxy-connect content="CONneCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v59" connection-mark=!rosgen-cafe-proxy-connect content="cONneCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v5a" connection-mark=!rosgen-cafe-proxy-connect content="CoNneCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v5b" connection-mark=!rosgen-cafe-proxy-connect content="coNneCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v5c" connection-mark=!rosgen-cafe-proxy-connect content="COnneCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v5d" connection-mark=!rosgen-cafe-proxy-connect content="cOnneCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v5e" connection-mark=!rosgen-cafe-proxy-connect content="ConneCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-9 comment="rosgen:cafe:proxy-connect.lit1.v5f" connection-mark=!rosgen-cafe-proxy-connect content="conneCt " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v60" connection-mark=!rosgen-cafe-proxy-connect content="CONNEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v61" connection-mark=!rosgen-cafe-proxy-connect content="cONNEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v62" connection-mark=!rosgen-cafe-proxy-connect content="CoNNEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v63" connection-mark=!rosgen-cafe-proxy-connect content="coNNEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v64" connection-mark=!rosgen-cafe-proxy-connect content="COnNEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v65" connection-mark=!rosgen-cafe-proxy-connect content="cOnNEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v66" connection-mark=!rosgen-cafe-proxy-connect content="ConNEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v67" connection-mark=!rosgen-cafe-proxy-connect content="conNEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v68" connection-mark=!rosgen-cafe-proxy-connect content="CONnEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v69" connection-mark=!rosgen-cafe-proxy-connect content="cONnEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v6a" connection-mark=!rosgen-cafe-proxy-connect content="CoNnEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v6b" connection-mark=!rosgen-cafe-proxy-connect content="coNnEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v6c" connection-mark=!rosgen-cafe-proxy-connect content="COnnEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v6d" connection-mark=!rosgen-cafe-proxy-connect content="cOnnEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v6e" connection-mark=!rosgen-cafe-proxy-connect content="ConnEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v6f" connection-mark=!rosgen-cafe-proxy-connect content="connEct " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v70" connection-mark=!rosgen-cafe-proxy-connect content="CONNect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v71" connection-mark=!rosgen-cafe-proxy-connect content="cONNect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v72" connection-mark=!rosgen-cafe-proxy-connect content="CoNNect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v73" connection-mark=!rosgen-cafe-proxy-connect content="coNNect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v74" connection-mark=!rosgen-cafe-proxy-connect content="COnNect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v75" connection-mark=!rosgen-cafe-proxy-connect content="cOnNect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v76" connection-mark=!rosgen-cafe-proxy-connect content="ConNect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v77" connection-mark=!rosgen-cafe-proxy-connect content="conNect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v78" connection-mark=!rosgen-cafe-proxy-connect content="CONnect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v79" connection-mark=!rosgen-cafe-proxy-connect content="cONnect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v7a" connection-mark=!rosgen-cafe-proxy-connect content="CoNnect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v7b" connection-mark=!rosgen-cafe-proxy-connect content="coNnect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v7c" connection-mark=!rosgen-cafe-proxy-connect content="COnnect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v7d" connection-mark=!rosgen-cafe-proxy-connect content="cOnnect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v7e" connection-mark=!rosgen-cafe-proxy-connect content="Connect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=jump chain=rosgen-cafe-sig-proxy-connect-lit1-10 comment="rosgen:cafe:proxy-connect.lit1.v7f" connection-mark=!rosgen-cafe-proxy-connect content="connect " jump-target=rosgen-cafe-sig-proxy-connect-2 layer7-protocol=rosgen-cafe-proxy-connect-1
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect-2 comment="rosgen:cafe:proxy-connect.lit2" connection-mark=!rosgen-cafe-proxy-connect content="HTTP/1." new-connection-mark=rosgen-cafe-proxy-connect passthrough=yes
add action=log chain=rosgen-cafe-sig-proxy-connect-2 comment="rosgen:cafe:proxy-connect.log" connection-mark=rosgen-cafe-proxy-connect limit=10/1m,5:packet log-prefix="proxy-connect"
# smtp-bot: in sequence over a connection, in the order written (one packet may
# advance it through several stages):
#   1. nocase "HELO" | nocase "EHLO": 32 content test(s)
#   2. nocase "RCPT TO:": 64 content test(s)
add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit2.enter" connection-mark=rosgen-cafe-smtp-bot-1 jump-target=rosgen-cafe-sig-smtp-bot-2
add action=return chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit2.held" connection-mark=rosgen-cafe-smtp-bot
add action=return chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.held" connection-mark=rosgen-cafe-smtp-bot-1
# smtp-bot.lit1: probe "HE" in 4 case forms, each a jump to a chain of its own (rosgen-cafe-sig-smtp-bot-lit1-N), then the full forms that agree with it
add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.probe.v00" connection-mark=!rosgen-cafe-smtp-bot-1 content="HE" jump-target=rosgen-cafe-sig-smtp-bot-lit1-1
add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.probe.v01" connection-mark=!rosgen-cafe-smtp-bot-1 content="hE" jump-target=rosgen-cafe-sig-smtp-bot-lit1-2
add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.probe.v02" connection-mark=!rosgen-cafe-smtp-bot-1 content="He" jump-target=rosgen-cafe-sig-smtp-bot-lit1-3
add action=jump chain=rosgen-cafe-sig-smtp-bot-lit1-3 comment="rosgen:cafe:smtp-bot.lit1.probe.3.v02" connection-mark=!rosgen-cafe-smtp-bot-1 content="HeL" jump-target=rosgen-cafe-sig-smtp-bot-lit1-4
add action=jump chain=rosgen-cafe-sig-smtp-bot-lit1-3 comment="rosgen:cafe:smtp-bot.lit1.probe.3.v06" connection-mark=!rosgen-cafe-smtp-bot-1 content="Hel" jump-target=rosgen-cafe-sig-smtp-bot-lit1-5
add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.probe.v03" connection-mark=!rosgen-cafe-smtp-bot-1 content="he" jump-target=rosgen-cafe-sig-smtp-bot-lit1-6
add action=jump chain=rosgen-cafe-sig-smtp-bot-lit1-6 comment="rosgen:cafe:smtp-bot.lit1.probe.6.v03" connection-mark=!rosgen-cafe-smtp-bot-1 content="heL" jump-target=rosgen-cafe-sig-smtp-bot-lit1-7
add action=jump chain=rosgen-cafe-sig-smtp-bot-lit1-6 comment="rosgen:cafe:smtp-bot.lit1.probe.6.v07" connection-mark=!rosgen-cafe-smtp-bot-1 content="hel" jump-target=rosgen-cafe-sig-smtp-bot-lit1-8
# smtp-bot.lit1 alternative 2: probe "EH" in 4 case forms, each a jump to a chain of its own (rosgen-cafe-sig-smtp-bot-lit1-N), then the full forms that agree with it
add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.alt2.probe.v00" connection-mark=!rosgen-cafe-smtp-bot-1 content="EH" jump-target=rosgen-cafe-sig-smtp-bot-lit1-9
add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.alt2.probe.v01" connection-mark=!rosgen-cafe-smtp-bot-1 content="eH" jump-target=rosgen-cafe-sig-smtp-bot-lit1-10
add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.alt2.probe.v02" connection-mark=!rosgen-cafe-smtp-bot-1 content="Eh" jump-target=rosgen-cafe-sig-smtp-bot-lit1-11
add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.alt2.probe.v03" connection-mark=!rosgen-cafe-smtp-bot-1 content="eh" jump-target=rosgen-cafe-sig-smtp-bot-lit1-12
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-1 comment="rosgen:cafe:smtp-bot.lit1.v00" connection-mark=!rosgen-cafe-smtp-bot-1 content="HELO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-1 comment="rosgen:cafe:smtp-bot.lit1.v04" connection-mark=!rosgen-cafe-smtp-bot-1 content="HElO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-1 comment="rosgen:cafe:smtp-bot.lit1.v08" connection-mark=!rosgen-cafe-smtp-bot-1 content="HELo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-1 comment="rosgen:cafe:smtp-bot.lit1.v0c" connection-mark=!rosgen-cafe-smtp-bot-1 content="HElo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-2 comment="rosgen:cafe:smtp-bot.lit1.v01" connection-mark=!rosgen-cafe-smtp-bot-1 content="hELO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-2 comment="rosgen:cafe:smtp-bot.lit1.v05" connection-mark=!rosgen-cafe-smtp-bot-1 content="hElO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-2 comment="rosgen:cafe:smtp-bot.lit1.v09" connection-mark=!rosgen-cafe-smtp-bot-1 content="hELo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-2 comment="rosgen:cafe:smtp-bot.lit1.v0d" connection-mark=!rosgen-cafe-smtp-bot-1 content="hElo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-4 comment="rosgen:cafe:smtp-bot.lit1.v02" connection-mark=!rosgen-cafe-smtp-bot-1 content="HeLO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-4 comment="rosgen:cafe:smtp-bot.lit1.v0a" connection-mark=!rosgen-cafe-smtp-bot-1 content="HeLo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-5 comment="rosgen:cafe:smtp-bot.lit1.v06" connection-mark=!rosgen-cafe-smtp-bot-1 content="HelO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-5 comment="rosgen:cafe:smtp-bot.lit1.v0e" connection-mark=!rosgen-cafe-smtp-bot-1 content="Helo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-7 comment="rosgen:cafe:smtp-bot.lit1.v03" connection-mark=!rosgen-cafe-smtp-bot-1 content="heLO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-7 comment="rosgen:cafe:smtp-bot.lit1.v0b" connection-mark=!rosgen-cafe-smtp-bot-1 content="heLo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-8 comment="rosgen:cafe:smtp-bot.lit1.v07" connection-mark=!rosgen-cafe-smtp-bot-1 content="helO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-8 comment="rosgen:cafe:smtp-bot.lit1.v0f" connection-mark=!rosgen-cafe-smtp-bot-1 content="helo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-9 comment="rosgen:cafe:smtp-bot.lit1.alt2.v00" connection-mark=!rosgen-cafe-smtp-bot-1 content="EHLO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-9 comment="rosgen:cafe:smtp-bot.lit1.alt2.v04" connection-mark=!rosgen-cafe-smtp-bot-1 content="EHlO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-9 comment="rosgen:cafe:smtp-bot.lit1.alt2.v08" connection-mark=!rosgen-cafe-smtp-bot-1 content="EHLo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-9 comment="rosgen:cafe:smtp-bot.lit1.alt2.v0c" connection-mark=!rosgen-cafe-smtp-bot-1 content="EHlo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-10 comment="rosgen:cafe:smtp-bot.lit1.alt2.v01" connection-mark=!rosgen-cafe-smtp-bot-1 content="eHLO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-10 comment="rosgen:cafe:smtp-bot.lit1.alt2.v05" connection-mark=!rosgen-cafe-smtp-bot-1 content="eHlO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-10 comment="rosgen:cafe:smtp-bot.lit1.alt2.v09" connection-mark=!rosgen-cafe-smtp-bot-1 content="eHLo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-10 comment="rosgen:cafe:smtp-bot.lit1.alt2.v0d" connection-mark=!rosgen-cafe-smtp-bot-1 content="eHlo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-11 comment="rosgen:cafe:smtp-bot.lit1.alt2.v02" connection-mark=!rosgen-cafe-smtp-bot-1 content="EhLO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-11 comment="rosgen:cafe:smtp-bot.lit1.alt2.v06" connection-mark=!rosgen-cafe-smtp-bot-1 content="EhlO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-11 comment="rosgen:cafe:smtp-bot.lit1.alt2.v0a" connection-mark=!rosgen-cafe-smtp-bot-1 content="EhLo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-11 comment="rosgen:cafe:smtp-bot.lit1.alt2.v0e" connection-mark=!rosgen-cafe-smtp-bot-1 content="Ehlo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-12 comment="rosgen:cafe:smtp-bot.lit1.alt2.v03" connection-mark=!rosgen-cafe-smtp-bot-1 content="ehLO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-12 comment="rosgen:cafe:smtp-bot.lit1.alt2.v07" connection-mark=!rosgen-cafe-smtp-bot-1 content="ehlO" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-12 comment="rosgen:cafe:smtp-bot.lit1.alt2.v0b" connection-mark=!rosgen-cafe-smtp-bot-1 content="ehLo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-lit1-12 comment="rosgen:cafe:smtp-bot.lit1.alt2.v0f" connection-mark=!rosgen-cafe-smtp-bot-1 content="ehlo" new-connection-mark=rosgen-cafe-smtp-bot-1 passthrough=yes
add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit2.next" connection-mark=rosgen-cafe-smtp-bot-1 jump-target=rosgen-cafe-sig-smtp-bot-2
# smtp-bot.lit2: probe "O:" in 2 case forms, each a jump to a chain of its own (rosgen-cafe-sig-smtp-bot-2-lit2-N) that narrows the case further (3 levels), then the full forms that agree with it
add action=jump chain=rosgen-cafe-sig-smtp-bot-2 comment="rosgen:cafe:smtp-bot.lit2.probe.v00" connection-mark=rosgen-cafe-smtp-bot-1 content="O:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-1
add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-1 comment="rosgen:cafe:smtp-bot.lit2.probe.1.v00" connection-mark=rosgen-cafe-smtp-bot-1 content="T TO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-2
add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-2 comment="rosgen:cafe:smtp-bot.lit2.probe.2.v00" connection-mark=rosgen-cafe-smtp-bot-1 content="PT TO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-3
add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-2 comment="rosgen:cafe:smtp-bot.lit2.probe.2.v01" connection-mark=rosgen-cafe-smtp-bot-1 content="pT TO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-4
add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-1 comment="rosgen:cafe:smtp-bot.lit2.probe.1.v01" connection-mark=rosgen-cafe-smtp-bot-1 content="t TO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-5
add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-1 comment="rosgen:cafe:smtp-bot.lit2.probe.1.v02" connection-mark=rosgen-cafe-smtp-bot-1 content="T tO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-6
add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-1 comment="rosgen:cafe:smtp-bot.lit2.probe.1.v03" connection-mark=rosgen-cafe-smtp-bot-1 content="t tO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-7
add action=jump chain=rosgen-cafe-sig-smtp-bot-2 comment="rosgen:cafe:smtp-bot.lit2.probe.v01" connection-mark=rosgen-cafe-smtp-bot-1 content="o:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-8
add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-8 comment="rosgen:cafe:smtp-bot.lit2.probe.8.v02" connection-mark=rosgen-cafe-smtp-bot-1 content=" To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-9
add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-9 comment="rosgen:cafe:smtp-bot.lit2.probe.9.v08" connection-mark=rosgen-cafe-smtp-bot-1 content="PT To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-10
add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-9 comment="rosgen:cafe:smtp-bot.lit2.probe.9.v09" connection-mark=rosgen-cafe-smtp-bot-1 content="pT To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-11
add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-9 comment="rosgen:cafe:smtp-bot.lit2.probe.9.v0a" connection-mark=rosgen-cafe-smtp-bot-1 content="Pt To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-12
add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-9 comment="rosgen:cafe:smtp-bot.lit2.probe.9.v0b" connection-mark=rosgen-cafe-smtp-bot-1 content="pt To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-13
add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-8 comment="rosgen:cafe:smtp-bot.lit2.probe.8.v03" connection-mark=rosgen-cafe-smtp-bot-1 content=" to:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-14
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-3 comment="rosgen:cafe:smtp-bot.lit2.v00" connection-mark=rosgen-cafe-smtp-bot-1 content="RCPT TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-3 comment="rosgen:cafe:smtp-bot.lit2.v01" connection-mark=rosgen-cafe-smtp-bot-1 content="rCPT TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-3 comment="rosgen:cafe:smtp-bot.lit2.v02" connection-mark=rosgen-cafe-smtp-bot-1 content="RcPT TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-3 comment="rosgen:cafe:smtp-bot.lit2.v03" connection-mark=rosgen-cafe-smtp-bot-1 content="rcPT TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-4 comment="rosgen:cafe:smtp-bot.lit2.v04" connection-mark=rosgen-cafe-smtp-bot-1 content="RCpT TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-4 comment="rosgen:cafe:smtp-bot.lit2.v05" connection-mark=rosgen-cafe-smtp-bot-1 content="rCpT TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-4 comment="rosgen:cafe:smtp-bot.lit2.v06" connection-mark=rosgen-cafe-smtp-bot-1 content="RcpT TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-4 comment="rosgen:cafe:smtp-bot.lit2.v07" connection-mark=rosgen-cafe-smtp-bot-1 content="rcpT TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 comment="rosgen:cafe:smtp-bot.lit2.v08" connection-mark=rosgen-cafe-smtp-bot-1 content="RCPt TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 comment="rosgen:cafe:smtp-bot.lit2.v09" connection-mark=rosgen-cafe-smtp-bot-1 content="rCPt TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 comment="rosgen:cafe:smtp-bot.lit2.v0a" connection-mark=rosgen-cafe-smtp-bot-1 content="RcPt TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 comment="rosgen:cafe:smtp-bot.lit2.v0b" connection-mark=rosgen-cafe-smtp-bot-1 content="rcPt TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 comment="rosgen:cafe:smtp-bot.lit2.v0c" connection-mark=rosgen-cafe-smtp-bot-1 content="RCpt TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 comment="rosgen:cafe:smtp-bot.lit2.v0d" connection-mark=rosgen-cafe-smtp-bot-1 content="rCpt TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 comment="rosgen:cafe:smtp-bot.lit2.v0e" connection-mark=rosgen-cafe-smtp-bot-1 content="Rcpt TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 comment="rosgen:cafe:smtp-bot.lit2.v0f" connection-mark=rosgen-cafe-smtp-bot-1 content="rcpt TO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 comment="rosgen:cafe:smtp-bot.lit2.v10" connection-mark=rosgen-cafe-smtp-bot-1 content="RCPT tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 comment="rosgen:cafe:smtp-bot.lit2.v11" connection-mark=rosgen-cafe-smtp-bot-1 content="rCPT tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 comment="rosgen:cafe:smtp-bot.lit2.v12" connection-mark=rosgen-cafe-smtp-bot-1 content="RcPT tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 comment="rosgen:cafe:smtp-bot.lit2.v13" connection-mark=rosgen-cafe-smtp-bot-1 content="rcPT tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 comment="rosgen:cafe:smtp-bot.lit2.v14" connection-mark=rosgen-cafe-smtp-bot-1 content="RCpT tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 comment="rosgen:cafe:smtp-bot.lit2.v15" connection-mark=rosgen-cafe-smtp-bot-1 content="rCpT tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 comment="rosgen:cafe:smtp-bot.lit2.v16" connection-mark=rosgen-cafe-smtp-bot-1 content="RcpT tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 comment="rosgen:cafe:smtp-bot.lit2.v17" connection-mark=rosgen-cafe-smtp-bot-1 content="rcpT tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 comment="rosgen:cafe:smtp-bot.lit2.v18" connection-mark=rosgen-cafe-smtp-bot-1 content="RCPt tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 comment="rosgen:cafe:smtp-bot.lit2.v19" connection-mark=rosgen-cafe-smtp-bot-1 content="rCPt tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 comment="rosgen:cafe:smtp-bot.lit2.v1a" connection-mark=rosgen-cafe-smtp-bot-1 content="RcPt tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 comment="rosgen:cafe:smtp-bot.lit2.v1b" connection-mark=rosgen-cafe-smtp-bot-1 content="rcPt tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 comment="rosgen:cafe:smtp-bot.lit2.v1c" connection-mark=rosgen-cafe-smtp-bot-1 content="RCpt tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 comment="rosgen:cafe:smtp-bot.lit2.v1d" connection-mark=rosgen-cafe-smtp-bot-1 content="rCpt tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 comment="rosgen:cafe:smtp-bot.lit2.v1e" connection-mark=rosgen-cafe-smtp-bot-1 content="Rcpt tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 comment="rosgen:cafe:smtp-bot.lit2.v1f" connection-mark=rosgen-cafe-smtp-bot-1 content="rcpt tO:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-10 comment="rosgen:cafe:smtp-bot.lit2.v20" connection-mark=rosgen-cafe-smtp-bot-1 content="RCPT To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-10 comment="rosgen:cafe:smtp-bot.lit2.v21" connection-mark=rosgen-cafe-smtp-bot-1 content="rCPT To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-10 comment="rosgen:cafe:smtp-bot.lit2.v22" connection-mark=rosgen-cafe-smtp-bot-1 content="RcPT To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-10 comment="rosgen:cafe:smtp-bot.lit2.v23" connection-mark=rosgen-cafe-smtp-bot-1 content="rcPT To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-11 comment="rosgen:cafe:smtp-bot.lit2.v24" connection-mark=rosgen-cafe-smtp-bot-1 content="RCpT To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-11 comment="rosgen:cafe:smtp-bot.lit2.v25" connection-mark=rosgen-cafe-smtp-bot-1 content="rCpT To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-11 comment="rosgen:cafe:smtp-bot.lit2.v26" connection-mark=rosgen-cafe-smtp-bot-1 content="RcpT To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-11 comment="rosgen:cafe:smtp-bot.lit2.v27" connection-mark=rosgen-cafe-smtp-bot-1 content="rcpT To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-12 comment="rosgen:cafe:smtp-bot.lit2.v28" connection-mark=rosgen-cafe-smtp-bot-1 content="RCPt To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-12 comment="rosgen:cafe:smtp-bot.lit2.v29" connection-mark=rosgen-cafe-smtp-bot-1 content="rCPt To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-12 comment="rosgen:cafe:smtp-bot.lit2.v2a" connection-mark=rosgen-cafe-smtp-bot-1 content="RcPt To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-12 comment="rosgen:cafe:smtp-bot.lit2.v2b" connection-mark=rosgen-cafe-smtp-bot-1 content="rcPt To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-13 comment="rosgen:cafe:smtp-bot.lit2.v2c" connection-mark=rosgen-cafe-smtp-bot-1 content="RCpt To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-13 comment="rosgen:cafe:smtp-bot.lit2.v2d" connection-mark=rosgen-cafe-smtp-bot-1 content="rCpt To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-13 comment="rosgen:cafe:smtp-bot.lit2.v2e" connection-mark=rosgen-cafe-smtp-bot-1 content="Rcpt To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-13 comment="rosgen:cafe:smtp-bot.lit2.v2f" connection-mark=rosgen-cafe-smtp-bot-1 content="rcpt To:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v30" connection-mark=rosgen-cafe-smtp-bot-1 content="RCPT to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v31" connection-mark=rosgen-cafe-smtp-bot-1 content="rCPT to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v32" connection-mark=rosgen-cafe-smtp-bot-1 content="RcPT to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v33" connection-mark=rosgen-cafe-smtp-bot-1 content="rcPT to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v34" connection-mark=rosgen-cafe-smtp-bot-1 content="RCpT to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v35" connection-mark=rosgen-cafe-smtp-bot-1 content="rCpT to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v36" connection-mark=rosgen-cafe-smtp-bot-1 content="RcpT to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v37" connection-mark=rosgen-cafe-smtp-bot-1 content="rcpT to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v38" connection-mark=rosgen-cafe-smtp-bot-1 content="RCPt to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v39" connection-mark=rosgen-cafe-smtp-bot-1 content="rCPt to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v3a" connection-mark=rosgen-cafe-smtp-bot-1 content="RcPt to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v3b" connection-mark=rosgen-cafe-smtp-bot-1 content="rcPt to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v3c" connection-mark=rosgen-cafe-smtp-bot-1 content="RCpt to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v3d" connection-mark=rosgen-cafe-smtp-bot-1 content="rCpt to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v3e" connection-mark=rosgen-cafe-smtp-bot-1 content="Rcpt to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 comment="rosgen:cafe:smtp-bot.lit2.v3f" connection-mark=rosgen-cafe-smtp-bot-1 content="rcpt to:" new-connection-mark=rosgen-cafe-smtp-bot passthrough=yes
add action=log chain=rosgen-cafe-sig-smtp-bot-2 comment="rosgen:cafe:smtp-bot.log" connection-mark=rosgen-cafe-smtp-bot limit=10/1m,5:packet log-prefix="smtp-bot"
/ip firewall filter
add action=drop chain=rosgen-cafe-fwd comment="rosgen:cafe:quarantine.forward" src-address-list=rosgen-cafe-quarantine
add action=jump chain=rosgen-cafe-fwd comment="rosgen:cafe:per-host.forward" connection-limit=60,32 connection-state=new jump-target=rosgen-cafe-per-host-verdict
add action=drop chain=rosgen-cafe-fwd comment="rosgen:cafe:mail-per-host.forward" connection-limit=6,32 connection-state=new dst-port=25,465,587 protocol=tcp
add action=add-src-to-address-list address-list=rosgen-cafe-quarantine address-list-timeout=30m chain=rosgen-cafe-fwd comment="rosgen:cafe:proxy-connect.forward" connection-mark=rosgen-cafe-proxy-connect
# rule order: the next 2 rules, cheapest per match first where two provably commute (rosgen compile --explain)
add action=drop chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-bot.forward" connection-mark=rosgen-cafe-smtp-bot
add action=drop chain=rosgen-cafe-fwd comment="rosgen:cafe:proxy-connect.forward.drop" connection-mark=rosgen-cafe-proxy-connect
add action=reject chain=rosgen-cafe-per-host-verdict comment="rosgen:cafe:per-host.verdict.reject-tcp" protocol=tcp reject-with=tcp-reset
add action=reject chain=rosgen-cafe-per-host-verdict comment="rosgen:cafe:per-host.verdict.reject" reject-with=icmp-port-unreachable
# FastTrack guard: established packets rosgen must keep seeing are accepted here,
# before the router's fasttrack-connection rule, so their connections are never
# fast-tracked (connections it has fast-tracked skip every firewall rule)
# rule order: the next 8 rules, cheapest per match first where two provably commute (rosgen compile --explain)
add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.mark.smtp-bot-1" connection-mark=rosgen-cafe-smtp-bot-1
add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.mark.smtp-bot" connection-mark=rosgen-cafe-smtp-bot
add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.quarantine.to" dst-address-list=rosgen-cafe-quarantine
add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.mark.proxy-connect" connection-mark=rosgen-cafe-proxy-connect
add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.proxy-connect.request" connection-bytes=0-2048 dst-port=80,3128,8080 protocol=tcp src-address=192.168.88.0/24
add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.proxy-connect.reply" connection-bytes=0-2048 dst-address=192.168.88.0/24 protocol=tcp src-port=80,3128,8080
add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.smtp-bot.request" connection-bytes=0-4096 dst-port=25,587 protocol=tcp src-address=192.168.88.0/24
add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.smtp-bot.reply" connection-bytes=0-4096 dst-address=192.168.88.0/24 protocol=tcp src-port=25,587
/queue tree
add comment="rosgen:cafe:smtp-syn.queue" name=rosgen-cafe-smtp-syn packet-mark=rosgen-cafe-smtp-syn parent=ether1 queue=rosgen-cafe-smtp-syn
#
# Anchors: one jump per built-in chain the policy uses into rosgen-cafe-*,
# placed at the top of its chain, before the router's own rules:
# before the first item that is not dynamic (RouterOS refuses to place anything
# before a dynamic item such as FastTrack's counter rule), found when the
# script runs.
/ip firewall mangle
{ :local top [/ip firewall mangle find where dynamic=no]; :if ([:len $top] = 0) do={ /ip firewall mangle add action=jump chain=forward comment="rosgen:cafe:anchor.forward" in-interface=bridge jump-target=rosgen-cafe-fwd out-interface=ether1 src-address=192.168.88.0/24 } else={ /ip firewall mangle add action=jump chain=forward comment="rosgen:cafe:anchor.forward" in-interface=bridge jump-target=rosgen-cafe-fwd out-interface=ether1 src-address=192.168.88.0/24 place-before=[:pick $top 0] } }
/ip firewall filter
{ :local top [/ip firewall filter find where dynamic=no]; :if ([:len $top] = 0) do={ /ip firewall filter add action=jump chain=forward comment="rosgen:cafe:anchor.forward" in-interface=bridge jump-target=rosgen-cafe-fwd out-interface=ether1 src-address=192.168.88.0/24 } else={ /ip firewall filter add action=jump chain=forward comment="rosgen:cafe:anchor.forward" in-interface=bridge jump-target=rosgen-cafe-fwd out-interface=ether1 src-address=192.168.88.0/24 place-before=[:pick $top 0] } }
#
# FastTrack guard: on a router that fast-tracks connections (an enabled
# action=fasttrack-connection rule, as in RouterOS's default firewall), a jump placed
# directly before that rule into rosgen-cafe-guard, found when the script runs.
# Connections rosgen must keep watching are then never fast-tracked; everything else
# still is. Without such a rule nothing is added here.
/ip firewall filter
{ :local ft [/ip firewall filter find where action=fasttrack-connection chain=forward disabled=no]; :if ([:len $ft] > 0) do={ /ip firewall filter add action=jump chain=forward comment="rosgen:cafe:guard.forward" connection-state=established,related jump-target=rosgen-cafe-guard place-before=[:pick $ft 0] } }
