#
# Remove what an earlier import of policy "{{policy}}" left (a no-op on a first import).
/ip firewall filter remove [find where comment~"^rosgen:{{policy}}:"]
/ip firewall mangle remove [find where comment~"^rosgen:{{policy}}:"]
/ip firewall layer7-protocol remove [find where comment~"^rosgen:{{policy}}:"]
/ip firewall layer7-protocol remove [find where name~"^rosgen-{{policy}}-"]
/queue tree remove [find where comment~"^rosgen:{{policy}}:"]
/queue tree remove [find where name~"^rosgen-{{policy}}-"]
/queue type remove [find where name~"^rosgen-{{policy}}-"]
/ip firewall address-list remove [find where comment~"^rosgen:{{policy}}:"]
