# rosgen 0.1.0: policy "syn_flood" for RouterOS 7 (9 items)
# sources: syn-flood.pol
# sha256 of the sources: cff02a8b62d6aac1b69a74487cf28464d530df8adc7d4c6dbcc177135eac457c
# traffic profile: built-in, sha256 ad22ef86b94cde26546d8190fd8096bef3145898eb58040e5b0196057cd8c3c8
#
# Every item rosgen owns carries comment="rosgen:syn_flood:<id>" (queue types, which
# have no comment, are named rosgen-syn_flood-...); this script and `rosgen diff` only
# ever touch those. Import on the router with /import file-name=...
#
# Below the chains the anchors and the FastTrack guard jump to, chain names end in a
# hash of their content (-<6 hex digits>; their items' comments end in #<the same>), as
# do layer7 protocol names: `rosgen diff` builds a changed chain beside the old one and
# swaps the two with one jump, so no moment of an update runs half of a signature.
#
# Importing again converges: the script first removes every item policy "syn_flood"
# owns, also queues named rosgen-syn_flood-... (nothing on a first import; the operator's rules, dynamic rules and the hosts
# in its quarantine list stay), then adds them afresh, so the router ends with exactly
# the 9 items below (the FastTrack guard's jump only where the router
# fast-tracks), whatever version of the policy it held before.
# While it runs, the policy lapses: from the first remove below to the last anchor
# (the 17 commands of this script) the router's traffic is not checked by
# policy "syn_flood". To change a router in service without that gap, apply
# `rosgen diff --script` instead (changes only, the policy protecting throughout).
# Owned chains come first; the anchors that jump into them are added last.
#
# Remove what an earlier import of policy "syn_flood" left (a no-op on a first import).
/ip firewall filter remove [find where comment~"^rosgen:syn_flood:"]
/ip firewall mangle remove [find where comment~"^rosgen:syn_flood:"]
/ip firewall layer7-protocol remove [find where comment~"^rosgen:syn_flood:"]
/ip firewall layer7-protocol remove [find where name~"^rosgen-syn_flood-"]
/queue tree remove [find where comment~"^rosgen:syn_flood:"]
/queue tree remove [find where name~"^rosgen-syn_flood-"]
/queue type remove [find where name~"^rosgen-syn_flood-"]
/ip firewall address-list remove [find where comment~"^rosgen:syn_flood:"]
/ip firewall filter
add action=jump chain=rosgen-syn_flood-fwd comment="rosgen:syn_flood:web-syn.forward" connection-state=new dst-port=80,443 jump-target=rosgen-syn_flood-web-syn-155a20 protocol=tcp tcp-flags=syn,!ack
add action=jump chain=rosgen-syn_flood-fwd comment="rosgen:syn_flood:admin-syn.forward" connection-state=new dst-port=22-23,3389 jump-target=rosgen-syn_flood-admin-syn-c2062f protocol=tcp tcp-flags=syn,!ack
add action=tarpit chain=rosgen-syn_flood-fwd comment="rosgen:syn_flood:admin-parallel.forward" connection-limit=10,32 connection-state=new dst-port=22-23,3389 protocol=tcp
# web-syn: each client host may open 60 connections per 1m (burst 30) to tcp 80,443; SYNs over the rate fall through
add action=return chain=rosgen-syn_flood-web-syn-155a20 comment="rosgen:syn_flood:web-syn.limit#155a20" dst-limit=60/1m,30,src-address/1m
add action=drop chain=rosgen-syn_flood-web-syn-155a20 comment="rosgen:syn_flood:web-syn.over#155a20"
# admin-syn: each client host may open 10 connections per 1m (burst 5) to tcp 22-23,3389; SYNs over the rate fall through
add action=return chain=rosgen-syn_flood-admin-syn-c2062f comment="rosgen:syn_flood:admin-syn.limit#c2062f" dst-limit=10/1m,5,src-address/1m
add action=log chain=rosgen-syn_flood-admin-syn-c2062f comment="rosgen:syn_flood:admin-syn.over.log#c2062f" limit=10/1m,5:packet log-prefix="admin-scan"
add action=drop chain=rosgen-syn_flood-admin-syn-c2062f comment="rosgen:syn_flood:admin-syn.over#c2062f"
#
# Anchors: one jump per built-in chain the policy uses into rosgen-syn_flood-*,
# placed at the top of its chain, before the router's own rules:
# before the first item that is not dynamic (RouterOS refuses to place anything
# before a dynamic item such as FastTrack's counter rule), found when the
# script runs.
/ip firewall filter
{ :local top [/ip firewall filter find where dynamic=no]; :if ([:len $top] = 0) do={ /ip firewall filter add action=jump chain=forward comment="rosgen:syn_flood:anchor.forward" jump-target=rosgen-syn_flood-fwd } else={ /ip firewall filter add action=jump chain=forward comment="rosgen:syn_flood:anchor.forward" jump-target=rosgen-syn_flood-fwd place-before=[:pick $top 0] } }
