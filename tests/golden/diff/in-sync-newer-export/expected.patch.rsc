# rosgen diff: patch for policy "cafe" against tests/golden/diff/in-sync-newer-export/running.rsc
# 0 move(s), 12 add(s), 209 change(s), 0 removal(s); items rosgen does not own are not touched
# Valid once, on the router as tests/golden/diff/in-sync-newer-export/running.rsc shows it: imported twice, its adds
# are added twice. For the next change, export again and run rosgen diff again.
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.probe.v00" connection-mark=!rosgen-cafe-proxy-connect content="CT " jump-target=rosgen-cafe-sig-proxy-connect-lit1
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.probe.v01" connection-mark=!rosgen-cafe-proxy-connect content="cT " jump-target=rosgen-cafe-sig-proxy-connect-lit1
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.probe.v02" connection-mark=!rosgen-cafe-proxy-connect content="Ct " jump-target=rosgen-cafe-sig-proxy-connect-lit1
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect comment="rosgen:cafe:proxy-connect.lit1.probe.v03" connection-mark=!rosgen-cafe-proxy-connect content="ct " jump-target=rosgen-cafe-sig-proxy-connect-lit1
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.probe.v00" connection-mark=!rosgen-cafe-smtp-bot-1 content="HE" jump-target=rosgen-cafe-sig-smtp-bot-lit1 place-before=[find where comment="rosgen:cafe:smtp-bot.lit2.next"]
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.probe.v01" connection-mark=!rosgen-cafe-smtp-bot-1 content="hE" jump-target=rosgen-cafe-sig-smtp-bot-lit1 place-before=[find where comment="rosgen:cafe:smtp-bot.lit2.next"]
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.probe.v02" connection-mark=!rosgen-cafe-smtp-bot-1 content="He" jump-target=rosgen-cafe-sig-smtp-bot-lit1 place-before=[find where comment="rosgen:cafe:smtp-bot.lit2.next"]
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.probe.v03" connection-mark=!rosgen-cafe-smtp-bot-1 content="he" jump-target=rosgen-cafe-sig-smtp-bot-lit1 place-before=[find where comment="rosgen:cafe:smtp-bot.lit2.next"]
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2 comment="rosgen:cafe:smtp-bot.lit2.probe.v00" connection-mark=rosgen-cafe-smtp-bot-1 content="RC" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2 place-before=[find where comment="rosgen:cafe:smtp-bot.log"]
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2 comment="rosgen:cafe:smtp-bot.lit2.probe.v01" connection-mark=rosgen-cafe-smtp-bot-1 content="rC" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2 place-before=[find where comment="rosgen:cafe:smtp-bot.log"]
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2 comment="rosgen:cafe:smtp-bot.lit2.probe.v02" connection-mark=rosgen-cafe-smtp-bot-1 content="Rc" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2 place-before=[find where comment="rosgen:cafe:smtp-bot.log"]
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2 comment="rosgen:cafe:smtp-bot.lit2.probe.v03" connection-mark=rosgen-cafe-smtp-bot-1 content="rc" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2 place-before=[find where comment="rosgen:cafe:smtp-bot.log"]
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v00"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v01"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v02"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v03"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v04"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v05"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v06"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v07"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v08"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v09"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0a"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0b"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0c"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0d"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0e"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0f"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v10"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v11"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v12"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v13"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v14"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v15"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v16"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v17"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v18"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v19"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1a"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1b"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1c"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1d"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1e"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1f"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v20"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v21"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v22"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v23"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v24"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v25"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v26"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v27"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v28"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v29"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2a"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2b"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2c"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2d"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2e"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2f"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v30"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v31"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v32"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v33"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v34"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v35"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v36"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v37"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v38"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v39"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3a"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3b"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3c"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3d"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3e"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3f"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v40"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v41"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v42"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v43"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v44"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v45"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v46"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v47"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v48"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v49"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4a"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4b"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4c"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4d"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4e"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4f"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v50"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v51"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v52"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v53"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v54"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v55"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v56"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v57"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v58"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v59"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5a"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5b"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5c"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5d"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5e"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5f"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v60"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v61"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v62"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v63"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v64"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v65"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v66"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v67"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v68"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v69"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6a"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6b"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6c"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6d"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6e"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6f"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v70"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v71"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v72"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v73"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v74"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v75"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v76"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v77"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v78"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v79"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7a"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7b"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7c"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7d"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7e"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7f"] action=jump chain=rosgen-cafe-sig-proxy-connect-lit1 jump-target=rosgen-cafe-sig-proxy-connect-2 !new-connection-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit2"] action=mark-connection chain=rosgen-cafe-sig-proxy-connect-2 !jump-target new-connection-mark=rosgen-cafe-proxy-connect
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v00"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v01"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v02"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v03"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v04"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v05"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v06"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v07"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v08"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v09"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0a"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0b"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0c"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0d"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0e"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0f"] chain=rosgen-cafe-sig-smtp-bot-lit1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v00"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v01"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v02"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v03"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v04"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v05"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v06"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v07"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v08"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v09"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0a"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0b"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0f"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v10"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v11"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v12"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v13"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v14"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v15"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v16"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v17"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v18"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v19"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1a"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1b"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1f"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v20"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v21"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v22"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v23"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v24"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v25"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v26"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v27"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v28"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v29"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2a"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2b"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2f"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v30"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v31"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v32"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v33"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v34"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v35"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v36"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v37"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v38"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v39"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3a"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3b"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3f"] chain=rosgen-cafe-sig-smtp-bot-2-lit2
