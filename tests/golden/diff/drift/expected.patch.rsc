# rosgen diff: patch for policy "cafe" against tests/golden/diff/drift/running.rsc
# 1 move(s), 3 add(s), 2 change(s), 2 removal(s); items rosgen does not own are not touched
/ip firewall mangle move [find where comment="rosgen:cafe:smtp-bot.lit1.held"] destination=[find where comment="rosgen:cafe:smtp-bot.lit1.v00"]
/ip firewall mangle add action=mark-connection chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.v05" connection-mark=!rosgen-cafe-proxy-connect content="cOnNECT " log=yes log-prefix="proxy-connect" new-connection-mark=rosgen-cafe-proxy-connect packet-mark=rosgen-cafe-proxy-connect-2 passthrough=yes place-before=[find where comment="rosgen:cafe:proxy-connect.lit1.v06"]
/ip firewall filter add action=drop chain=rosgen-cafe-fwd comment="rosgen:cafe:mail-per-host.forward" connection-limit=6,32 connection-state=new dst-port=25,465,587 protocol=tcp place-before=[find where comment="rosgen:cafe:proxy-connect.forward"]
/ip firewall filter add action=drop chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-bot.forward (rosgen: replacing copies)" connection-mark=rosgen-cafe-smtp-bot
/ip firewall filter set [find where comment="rosgen:cafe:per-host.forward"] connection-limit=60,32
/ip firewall filter remove [find where comment="rosgen:cafe:smtp-bot.forward"]
/ip firewall filter remove [find where comment="rosgen:cafe:retired-rule"]
/ip firewall filter set [find where comment="rosgen:cafe:smtp-bot.forward (rosgen: replacing copies)"] comment="rosgen:cafe:smtp-bot.forward"
