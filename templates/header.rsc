# rosgen {{version}}: policy "{{policy}}" for RouterOS {{routeros}} ({{items}} items)
# sources: {{sources}}
# sha256 of the sources: {{digest}}
# traffic profile: {{profile}}
#
# Every item rosgen owns carries comment="rosgen:{{policy}}:<id>" (queue types, which
# have no comment, are named rosgen-{{policy}}-...); this script and `rosgen diff` only
# ever touch those. Import on the router with /import file-name=...
#
# Below the chains the anchors and the FastTrack guard jump to, chain names end in a
# hash of their content (-<6 hex digits>; their items' comments end in #<the same>), as
# do layer7 protocol names: `rosgen diff` builds a changed chain beside the old one and
# swaps the two with one jump, so no moment of an update runs half of a signature.
#
# Importing again converges: the script first removes every item policy "{{policy}}"
# owns, also queues named rosgen-{{policy}}-... (nothing on a first import; the operator's rules, dynamic rules and the hosts
# in its quarantine list stay), then adds them afresh, so the router ends with exactly
# the {{items}} items below (the FastTrack guard's jump only where the router
# fast-tracks), whatever version of the policy it held before.
# While it runs, the policy lapses: from the first remove below to the last anchor
# (the {{commands}} commands of this script) the router's traffic is not checked by
# policy "{{policy}}". To change a router in service without that gap, apply
# `rosgen diff --script` instead (changes only, the policy protecting throughout).
# Owned chains come first; the anchors that jump into them are added last.
