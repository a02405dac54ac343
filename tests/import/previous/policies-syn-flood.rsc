# rosgen 0.1.0: policy "syn-flood" for RouterOS 7 (8 items)
# sources: policies/syn-flood.pol
# sha256 of the sources: cff02a8b62d6aac1b69a74487cf28464d530df8adc7d4c6dbcc177135eac457c
#
# Every item rosgen owns carries comment="rosgen:syn-flood:<id>" (queue types, which
# have no comment, are named rosgen-syn-flood-...); `rosgen diff` and `rosgen push`
# only ever touch those. Import on the router with /import file-name=...
# Owned chains come first; the anchors that jump into them are added last.
/ip firewall filter
add action=jump chain=rosgen-syn-flood-fwd comment="rosgen:syn-flood:web-syn.forward" connection-state=new dst-port=80,443 jump-target=rosgen-syn-flood-web-syn protocol=tcp tcp-flags=syn,!ack
add action=jump chain=rosgen-syn-flood-fwd comment="rosgen:syn-flood:admin-syn.forward" connection-state=new dst-port=22,23,3389 jump-target=rosgen-syn-flood-admin-syn protocol=tcp tcp-flags=syn,!ack
add action=tarpit chain=rosgen-syn-flood-fwd comment="rosgen:syn-flood:admin-parallel.forward" connection-limit=10,32 connection-state=new dst-port=22,23,3389 protocol=tcp
# web-syn: each client host may open 60 connections per 1m (burst 30) to tcp 80,443; SYNs over the rate fall through
add action=return chain=rosgen-syn-flood-web-syn comment="rosgen:syn-flood:web-syn.limit" dst-limit=60/1m,30,src-address/1m
add action=drop chain=rosgen-syn-flood-web-syn comment="rosgen:syn-flood:web-syn.over"
# admin-syn: each client host may open 10 connections per 1m (burst 5) to tcp 22,23,3389; SYNs over the rate fall through
add action=return chain=rosgen-syn-flood-admin-syn comment="rosgen:syn-flood:admin-syn.limit" dst-limit=10/1m,5,src-address/1m
add action=drop chain=rosgen-syn-flood-admin-syn comment="rosgen:syn-flood:admin-syn.over" log=yes log-prefix="admin-scan"
#
# Anchors: one jump per built-in chain the policy uses into rosgen-syn-flood-*,
# placed at the top of its chain (place-before=0), before the router's own rules.
/ip firewall filter
add action=jump chain=forward comment="rosgen:syn-flood:anchor.forward" jump-target=rosgen-syn-flood-fwd place-before=0
