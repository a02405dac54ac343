# rosgen diff: patch for policy "cafe" against tests/golden/diff/drift/running.rsc
# 1 move(s), 49 add(s), 213 change(s), 3 removal(s); items rosgen does not own are not touched
# Valid once, on the router as tests/golden/diff/drift/running.rsc shows it: imported twice, its adds
# are added twice. For the next change, export again and run rosgen diff again.
/ip firewall mangle move [find where comment="rosgen:cafe:smtp-bot.lit1.held"]
/ip firewall mangle add action=return chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-syn.forward.done" packet-mark=rosgen-cafe-smtp-syn place-before=[find where comment="rosgen:cafe:proxy-connect.gate.forward"]
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2 comment="rosgen:cafe:proxy-connect.lit1.probe.v00" connection-mark=!rosgen-cafe-proxy-connect content="T " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-1
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-1 comment="rosgen:cafe:proxy-connect.lit1.probe.1.v00" connection-mark=!rosgen-cafe-proxy-connect content="CT " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-2
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-2 comment="rosgen:cafe:proxy-connect.lit1.probe.2.v00" connection-mark=!rosgen-cafe-proxy-connect content="NECT " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-3
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-2 comment="rosgen:cafe:proxy-connect.lit1.probe.2.v01" connection-mark=!rosgen-cafe-proxy-connect content="nECT " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-4
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-2 comment="rosgen:cafe:proxy-connect.lit1.probe.2.v02" connection-mark=!rosgen-cafe-proxy-connect content="NeCT " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-5
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-2 comment="rosgen:cafe:proxy-connect.lit1.probe.2.v03" connection-mark=!rosgen-cafe-proxy-connect content="neCT " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-6
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-1 comment="rosgen:cafe:proxy-connect.lit1.probe.1.v01" connection-mark=!rosgen-cafe-proxy-connect content="cT " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-7
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2 comment="rosgen:cafe:proxy-connect.lit1.probe.v01" connection-mark=!rosgen-cafe-proxy-connect content="t " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-8
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-8 comment="rosgen:cafe:proxy-connect.lit1.probe.8.v02" connection-mark=!rosgen-cafe-proxy-connect content="Ct " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-9
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-8 comment="rosgen:cafe:proxy-connect.lit1.probe.8.v03" connection-mark=!rosgen-cafe-proxy-connect content="ct " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-10
/ip firewall mangle add action=mark-connection chain=rosgen-cafe-sig-proxy-connect-2-lit1-3 comment="rosgen:cafe:proxy-connect.lit1.v05" connection-mark=!rosgen-cafe-proxy-connect content="cOnNECT " new-connection-mark=rosgen-cafe-proxy-connect passthrough=yes place-before=[find where comment="rosgen:cafe:proxy-connect.lit1.v06"]
/ip firewall mangle add action=log chain=rosgen-cafe-sig-proxy-connect-2 comment="rosgen:cafe:proxy-connect.log" connection-mark=rosgen-cafe-proxy-connect limit=10/1m,5:packet log-prefix="proxy-connect"
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.probe.v00" connection-mark=!rosgen-cafe-smtp-bot-1 content="HE" jump-target=rosgen-cafe-sig-smtp-bot-lit1-1
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.probe.v01" connection-mark=!rosgen-cafe-smtp-bot-1 content="hE" jump-target=rosgen-cafe-sig-smtp-bot-lit1-2
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.probe.v02" connection-mark=!rosgen-cafe-smtp-bot-1 content="He" jump-target=rosgen-cafe-sig-smtp-bot-lit1-3
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-lit1-3 comment="rosgen:cafe:smtp-bot.lit1.probe.3.v02" connection-mark=!rosgen-cafe-smtp-bot-1 content="HeL" jump-target=rosgen-cafe-sig-smtp-bot-lit1-4
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-lit1-3 comment="rosgen:cafe:smtp-bot.lit1.probe.3.v06" connection-mark=!rosgen-cafe-smtp-bot-1 content="Hel" jump-target=rosgen-cafe-sig-smtp-bot-lit1-5
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit1.probe.v03" connection-mark=!rosgen-cafe-smtp-bot-1 content="he" jump-target=rosgen-cafe-sig-smtp-bot-lit1-6
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-lit1-6 comment="rosgen:cafe:smtp-bot.lit1.probe.6.v03" connection-mark=!rosgen-cafe-smtp-bot-1 content="heL" jump-target=rosgen-cafe-sig-smtp-bot-lit1-7
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-lit1-6 comment="rosgen:cafe:smtp-bot.lit1.probe.6.v07" connection-mark=!rosgen-cafe-smtp-bot-1 content="hel" jump-target=rosgen-cafe-sig-smtp-bot-lit1-8
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot comment="rosgen:cafe:smtp-bot.lit2.next" connection-mark=rosgen-cafe-smtp-bot-1 jump-target=rosgen-cafe-sig-smtp-bot-2
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2 comment="rosgen:cafe:smtp-bot.lit2.probe.v00" connection-mark=rosgen-cafe-smtp-bot-1 content="O:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-1
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-1 comment="rosgen:cafe:smtp-bot.lit2.probe.1.v00" connection-mark=rosgen-cafe-smtp-bot-1 content="T TO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-2
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-2 comment="rosgen:cafe:smtp-bot.lit2.probe.2.v00" connection-mark=rosgen-cafe-smtp-bot-1 content="PT TO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-3
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-2 comment="rosgen:cafe:smtp-bot.lit2.probe.2.v01" connection-mark=rosgen-cafe-smtp-bot-1 content="pT TO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-4
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-1 comment="rosgen:cafe:smtp-bot.lit2.probe.1.v01" connection-mark=rosgen-cafe-smtp-bot-1 content="t TO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-5
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-1 comment="rosgen:cafe:smtp-bot.lit2.probe.1.v02" connection-mark=rosgen-cafe-smtp-bot-1 content="T tO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-6
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-1 comment="rosgen:cafe:smtp-bot.lit2.probe.1.v03" connection-mark=rosgen-cafe-smtp-bot-1 content="t tO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-7
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2 comment="rosgen:cafe:smtp-bot.lit2.probe.v01" connection-mark=rosgen-cafe-smtp-bot-1 content="o:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-8
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-8 comment="rosgen:cafe:smtp-bot.lit2.probe.8.v02" connection-mark=rosgen-cafe-smtp-bot-1 content=" To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-9
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-9 comment="rosgen:cafe:smtp-bot.lit2.probe.9.v08" connection-mark=rosgen-cafe-smtp-bot-1 content="PT To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-10
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-9 comment="rosgen:cafe:smtp-bot.lit2.probe.9.v09" connection-mark=rosgen-cafe-smtp-bot-1 content="pT To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-11
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-9 comment="rosgen:cafe:smtp-bot.lit2.probe.9.v0a" connection-mark=rosgen-cafe-smtp-bot-1 content="Pt To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-12
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-9 comment="rosgen:cafe:smtp-bot.lit2.probe.9.v0b" connection-mark=rosgen-cafe-smtp-bot-1 content="pt To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-13
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-8 comment="rosgen:cafe:smtp-bot.lit2.probe.8.v03" connection-mark=rosgen-cafe-smtp-bot-1 content=" to:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-14
/ip firewall mangle add action=log chain=rosgen-cafe-sig-smtp-bot-2 comment="rosgen:cafe:smtp-bot.log" connection-mark=rosgen-cafe-smtp-bot limit=10/1m,5:packet log-prefix="smtp-bot"
/ip firewall filter add action=drop chain=rosgen-cafe-fwd comment="rosgen:cafe:mail-per-host.forward" connection-limit=6,32 connection-state=new dst-port=25,465,587 protocol=tcp place-before=[find where comment="rosgen:cafe:proxy-connect.forward"]
/ip firewall filter add action=drop chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-bot.forward (rosgen: replacing copies)" connection-mark=rosgen-cafe-smtp-bot place-before=[find where comment="rosgen:cafe:proxy-connect.forward.drop"]
/ip firewall filter add action=reject chain=rosgen-cafe-per-host-verdict comment="rosgen:cafe:per-host.verdict.reject-tcp" protocol=tcp reject-with=tcp-reset
/ip firewall filter add action=reject chain=rosgen-cafe-per-host-verdict comment="rosgen:cafe:per-host.verdict.reject" reject-with=icmp-port-unreachable
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.mark.smtp-bot-1" connection-mark=rosgen-cafe-smtp-bot-1
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.quarantine.to" dst-address-list=rosgen-cafe-quarantine
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.mark.smtp-bot" connection-mark=rosgen-cafe-smtp-bot
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.mark.proxy-connect" connection-mark=rosgen-cafe-proxy-connect
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.proxy-connect.request" connection-bytes=0-2048 dst-port=80,3128,8080 protocol=tcp src-address=192.168.88.0/24
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.proxy-connect.reply" connection-bytes=0-2048 dst-address=192.168.88.0/24 protocol=tcp src-port=80,3128,8080
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.smtp-bot.request" connection-bytes=0-4096 dst-port=25,465,587 protocol=tcp src-address=192.168.88.0/24
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.smtp-bot.reply" connection-bytes=0-4096 dst-address=192.168.88.0/24 protocol=tcp src-port=25,465,587
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-syn.forward"] passthrough=yes
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.gate.forward"] packet-size=55-65535 tcp-flags=!syn
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.gate.forward"] tcp-flags=!syn
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit2"] action=jump connection-mark=!rosgen-cafe-proxy-connect jump-target=rosgen-cafe-sig-proxy-connect-2 !new-packet-mark !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v00"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v01"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v02"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v03"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v04"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v06"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v07"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v08"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v09"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0a"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0b"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0d"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0e"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0f"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v10"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v11"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v12"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v13"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v14"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v15"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v16"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v18"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v19"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1a"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1b"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1d"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1e"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1f"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v20"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v21"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v22"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v23"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v24"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v25"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v26"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v27"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v28"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v29"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2a"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2b"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2d"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2e"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2f"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v30"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v31"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v32"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v33"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v34"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v35"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v36"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v37"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v38"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v39"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3a"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3b"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3d"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3e"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3f"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v40"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v41"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v42"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v43"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v44"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v45"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v46"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v47"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v48"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v49"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4a"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4b"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4d"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4e"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4f"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v50"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v51"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v52"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v53"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v54"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v55"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v56"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v57"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v58"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v59"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5a"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5b"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5d"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5e"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5f"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v60"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v61"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v62"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v63"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v64"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v65"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v66"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v67"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v68"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v69"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6a"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6b"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6d"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6e"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6f"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v70"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v71"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v72"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v73"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v74"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v75"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v76"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v77"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v78"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v79"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7a"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7b"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7d"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7e"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7f"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v00"] chain=rosgen-cafe-sig-smtp-bot-lit1-1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v04"] chain=rosgen-cafe-sig-smtp-bot-lit1-1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v08"] chain=rosgen-cafe-sig-smtp-bot-lit1-1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0c"] chain=rosgen-cafe-sig-smtp-bot-lit1-1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v01"] chain=rosgen-cafe-sig-smtp-bot-lit1-2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v05"] chain=rosgen-cafe-sig-smtp-bot-lit1-2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v09"] chain=rosgen-cafe-sig-smtp-bot-lit1-2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0d"] chain=rosgen-cafe-sig-smtp-bot-lit1-2
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v02"] chain=rosgen-cafe-sig-smtp-bot-lit1-4
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0a"] chain=rosgen-cafe-sig-smtp-bot-lit1-4
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v06"] chain=rosgen-cafe-sig-smtp-bot-lit1-5
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0e"] chain=rosgen-cafe-sig-smtp-bot-lit1-5
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v03"] chain=rosgen-cafe-sig-smtp-bot-lit1-7
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0b"] chain=rosgen-cafe-sig-smtp-bot-lit1-7
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v07"] chain=rosgen-cafe-sig-smtp-bot-lit1-8
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0f"] chain=rosgen-cafe-sig-smtp-bot-lit1-8
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v00"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-3 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v01"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-3 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v02"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-3 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v03"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-3 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v04"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-4 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v05"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-4 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v06"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-4 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v07"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-4 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v08"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v09"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0a"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0b"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0f"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v10"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v11"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v12"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v13"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v14"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v15"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v16"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v17"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v18"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v19"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1a"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1b"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1f"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v20"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-10 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v21"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-10 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v22"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-10 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v23"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-10 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v24"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-11 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v25"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-11 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v26"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-11 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v27"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-11 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v28"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-12 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v29"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-12 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2a"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-12 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2b"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-12 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-13 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-13 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-13 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2f"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-13 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v30"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v31"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v32"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v33"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v34"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v35"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v36"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v37"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v38"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v39"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3a"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3b"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3f"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14 log=no log-prefix=""
/ip firewall filter set [find where comment="rosgen:cafe:per-host.forward"] action=jump connection-limit=60,32 jump-target=rosgen-cafe-per-host-verdict !reject-with
/ip firewall filter remove [find where comment="rosgen:cafe:smtp-bot.forward"]
/ip firewall filter remove [find where comment="rosgen:cafe:retired-rule"]
/ip firewall mangle remove [find where comment="rosgen:cafe:proxy-connect.lit2.exit"]
/ip firewall filter set [find where comment="rosgen:cafe:smtp-bot.forward (rosgen: replacing copies)"] comment="rosgen:cafe:smtp-bot.forward"
