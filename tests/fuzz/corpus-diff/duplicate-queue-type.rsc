# rosgen 0.1.0: policy "cafe" for RouterOS 7 (231 items)
# sources: examples/cafe.pol
# sha256 of the sources: a940c7b8560b9a62aab6b5f2a5bb1c19da2ed0b4d988bd8c0e7304702ae7e178
#
# Every item rosgen owns carries comment="rosgen:cafe:<id>" (queue types, which
# have no comment, are named rosgen-cafe-...); this script and `rosgen diff` only
# ever touch those. Import on the router with /import file-name=...
#
# Importing again converges: the script first removes every item policy "cafe"
# owns, also queues named rosgen-cafe-... (nothing on a first import; the operator's rules, dynamic rules and the hosts
# in its quarantine list stay), then adds them afresh, so the router ends with exactly
# the 231 items below, whatever version of the policy it held before.
# While it runs, the policy lapses: from the first remove below to the last anchor
# (the 239 commands of this script) the router's traffic is not checked by
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
/queue tree remove [find where comment~"^rosgen:cafe:"]
/queue tree remove [find where name~"^rosgen-cafe-"]
/queue type remove [find where name~"^rosgen-cafe-"]
/ip firewall address-list remove [find where comment~"^rosgen:cafe:"]
/queue type
# smtp-syn: 5 SYN per 1m per client host, shaped by a PCQ queue (an approximation: a queue delays SYNs over the rate before it drops them)
#   rate = 5 SYN x 60 B x 8 bit / 60 s = 2400/60 = 40 bit/s per source (rounded up; a SYN is 40-60 B)
#   queue holds 1 KiB per source: 5 SYNs (the burst) x 60 B, rounded up to whole KiB, so up to 25 SYNs of 40 B; more are dropped
add kind=pcq name=rosgen-cafe-smtp-syn pcq-classifier=src-address pcq-limit=1KiB pcq-rate=40
/ip firewall mangle
add action=mark-packet chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-syn.forward" connection-state=new dst-port=25,465,587 new-packet-mark=rosgen-cafe-smtp-syn passthrough=yes protocol=tcp tcp-flags=syn,!ack
add action=return chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-syn.forward.done" packet-mark=rosgen-cafe-smtp-syn
add action=jump chain=rosgen-cafe-fwd comment="rosgen:cafe:proxy-connect.gate.forward" connection-bytes=0-2048 connection-mark=!rosgen-cafe-proxy-connect dst-port=80,3128,8080 jump-target=rosgen-cafe-sig-proxy-connect packet-size=48-65535 protocol=tcp
add action=jump chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-bot.gate.forward" connection-bytes=0-4096 connection-mark=!rosgen-cafe-smtp-bot dst-port=25,587 jump-target=rosgen-cafe-sig-smtp-bot packet-size=44-65535 protocol=tcp
# proxy-connect: in one packet; stages least likely first (cost/(1-p), default model):
#   1. "HTTP/1.": 1 content test(s), p=3.5e-10
#   2. nocase "CONNECT ": 128 content test(s), p=5.7e-08
add action=mark-packet chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit2" content="HTTP/1." new-packet-mark=rosgen-cafe-proxy-connect-2 packet-mark=!rosgen-cafe-proxy-connect-2 passthrough=yes
add action=return chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit2.exit" packet-mark=!rosgen-cafe-proxy-connect-2
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v00" connection-mark=!rosgen-cafe-proxy-connect content="CONNECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v01" connection-mark=!rosgen-cafe-proxy-connect content="cONNECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yket-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v04" connection-mark=!rosgen-cafe-proxy-connect content="COnNECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v05" connection-mark=!rosgen-cafe-proxy-connect content="cOnNECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v06" connection-mark=!rosgen-cafe-proxy-connect content="ConNECT " new-conn# rosgen 0.1.0: policy "cafe" for RouterOS 7 (226 items)
# sources: examples/cafe.pol
# sha256 of the sources: ab119febec98e170a700aed27e388c3afdbf34fb13ef033538657887430df21a
#
# Every item rosgen owns carries comment="rosgen:cafe:<id>" (queue types, which
# have no comment, are named rosgen-cafe-...); `rosgen diff` and `rosgen push`
# only ever touch those. Import on the router with /import file-name=...
# Owned chains come first; the anchors that jump into them are added last.
/queue type
# smtp-syn: 5 SYN per 1m per client host, shaped by a PCQ queue (an approximation: a queue delays SYNs over the rate before it drops them)
#   rate = 5 SYN x 60 B x 8 bit / 60 s = 2400/60 = 40 bit/s per source (rounded up; a SYN is 40-60 B)
#   queue holds 5 SYNs per source (the burst); more are dropped
add kind=pcq name=rosgen-cafe-smtp-syn pcq-classifier=src-address pcq-limit=1KiB pcq-rate=40
/ip firewall mangle
add action=mark-packet chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-syn.forward" connection-state=new dst-port=25,465,587 new-packet-mark=rosgen-cafe-smtp-syn passthrough=no protocol=tcp tcp-flags=syn,!ack
add action=jump chain=rosgen-cafe-fwd comment="rosgen:cafe:proxy-connect.gate.forward" connection-bytes=0-2048 connection-mark=!rosgen-cafe-proxy-connect dst-port=80,3128,8080 jump-target=rosgen-cafe-sig-proxy-connect packet-size=48-65535 protocol=tcp
add action=jump chain=rosgen-cafe-fwd comment="rosgen:ection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v07" connection-mark=!rosgen-cafe-proxy-connect content="conNECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v08" connection-mark=!rosgen-cafe-proxy-connect content="CONnECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v09" connection-mark=!rosgen-cafe-proxy-connect content="cONnECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v0a" connection-mark=!rosgen-cafe-proxy-connect content="CoNnECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v0b" connection-mark=!rosgen-cafe-proxy-connect content="coNnECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v0c" connection-mark=!rosgen-cafe-proxy-connect content="COnnECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v0d" connection-mark=!rosgen-cafe-proxy-connect content="cOnnECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v0e" connection-mark=!rosgen-cafe-proxy-connect content="ConnECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v0f" connection-mark=!rosgen-cafe-proxy-connect content="connECT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v10" connection-mark=!rosgen-cafe-proxy-connect content="CONNeCT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v11" connection-mark=!rosgen-cafe-proxy-connect content="cONNeCT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v12" connection-mark=!rosgen-cafe-proxy-connect content="CoNNeCT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v13" connection-mark=!rosgen-cafe-proxy-connect content="coNNeCT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v14" connection-mark=!rosgen-cafe-proxy-connect content="COnNeCT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comšš‘‹="rosgen:cafe:proxy-connect.lit1.v15" connection-mark=!rosgen-cafe-proxy-connect content="cOnNeCT " new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v16" connection-mark=!rosgen-cafe-proxy-connect content="ConNeCT " new-connection-mark=rosgen-cafe-proxy-cocafe:smtp-bot.gate.forward" connection-bytes=0-4096 connection-maracket-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v0a" connection-mark=!rosgen-cafe-proxy-connect content="CoNnECT " log=yes log-prefix="proxy-connect" new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cnnect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes
add action=mark-connection chain=rosgen-cafe-sig-proxy-connect commenafe-proxy-ct="o