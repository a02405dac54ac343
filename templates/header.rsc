# rosgen {{version}}: policy "{{policy}}" for RouterOS {{routeros}} ({{items}} items)
# sources: {{sources}}
# sha256 of the sources: {{digest}}
#
# Every item rosgen owns carries comment="rosgen:{{policy}}:<id>" (queue types, which
# have no comment, are named rosgen-{{policy}}-...); `rosgen diff` and `rosgen push`
# only ever touch those. Import on the router with /import file-name=...
# Owned chains come first; the anchors that jump into them are added last.
