# rosgen diff: patch for policy "cafe" against tests/golden/diff/drift/running.rsc
# 1 move(s), 49 add(s), 213 change(s), 3 removal(s); items rosgen does not own are not touched
# Valid once, on the router as tests/golden/diff/drift/running.rsc shows it: imported twice, its adds
# are added twice. For the next change, export again and run rosgen diff again.
/ip firewall mangle move [find where comment="rosgen:cafe:smtp-bot.lit1.held#d0e1eb"]
/ip firewall mangle add action=mark-connection chain=rosgen-cafe-sig-proxy-connect-2-lit1-3-f18690 comment="rosgen:cafe:proxy-connect.lit1.v05#f18690" connection-mark=!rosgen-cafe-proxy-connect content="cOnNECT " new-connection-mark=rosgen-cafe-proxy-connect passthrough=yes place-before=[find where comment="rosgen:cafe:proxy-connect.lit1.v06#f18690"]
/ip firewall filter add action=reject chain=rosgen-cafe-per-host-verdict-6f4d12 comment="rosgen:cafe:per-host.verdict.reject-tcp#6f4d12" protocol=tcp reject-with=tcp-reset
/ip firewall filter add action=reject chain=rosgen-cafe-per-host-verdict-6f4d12 comment="rosgen:cafe:per-host.verdict.reject#6f4d12" reject-with=icmp-port-unreachable
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-2-032ff5 comment="rosgen:cafe:proxy-connect.lit1.probe.2.v00#032ff5" connection-mark=!rosgen-cafe-proxy-connect content="NECT " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-3-f18690
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-2-032ff5 comment="rosgen:cafe:proxy-connect.lit1.probe.2.v01#032ff5" connection-mark=!rosgen-cafe-proxy-connect content="nECT " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-4-b2fa00
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-2-032ff5 comment="rosgen:cafe:proxy-connect.lit1.probe.2.v02#032ff5" connection-mark=!rosgen-cafe-proxy-connect content="NeCT " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-5-fbc726
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-2-032ff5 comment="rosgen:cafe:proxy-connect.lit1.probe.2.v03#032ff5" connection-mark=!rosgen-cafe-proxy-connect content="neCT " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-6-688ee1
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-8-d4bd67 comment="rosgen:cafe:proxy-connect.lit1.probe.8.v02#d4bd67" connection-mark=!rosgen-cafe-proxy-connect content="Ct " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-8-d4bd67 comment="rosgen:cafe:proxy-connect.lit1.probe.8.v03#d4bd67" connection-mark=!rosgen-cafe-proxy-connect content="ct " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-lit1-3-fa8f01 comment="rosgen:cafe:smtp-bot.lit1.probe.3.v02#fa8f01" connection-mark=!rosgen-cafe-smtp-bot-1 content="HeL" jump-target=rosgen-cafe-sig-smtp-bot-lit1-4-fbe952
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-lit1-3-fa8f01 comment="rosgen:cafe:smtp-bot.lit1.probe.3.v06#fa8f01" connection-mark=!rosgen-cafe-smtp-bot-1 content="Hel" jump-target=rosgen-cafe-sig-smtp-bot-lit1-5-c340ae
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-lit1-6-da9736 comment="rosgen:cafe:smtp-bot.lit1.probe.6.v03#da9736" connection-mark=!rosgen-cafe-smtp-bot-1 content="heL" jump-target=rosgen-cafe-sig-smtp-bot-lit1-7-a119d1
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-lit1-6-da9736 comment="rosgen:cafe:smtp-bot.lit1.probe.6.v07#da9736" connection-mark=!rosgen-cafe-smtp-bot-1 content="hel" jump-target=rosgen-cafe-sig-smtp-bot-lit1-8-0f5a47
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-2-473c94 comment="rosgen:cafe:smtp-bot.lit2.probe.2.v00#473c94" connection-mark=rosgen-cafe-smtp-bot-1 content="PT TO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-3-b3402c
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-2-473c94 comment="rosgen:cafe:smtp-bot.lit2.probe.2.v01#473c94" connection-mark=rosgen-cafe-smtp-bot-1 content="pT TO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-4-3ff75e
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-9-2b0106 comment="rosgen:cafe:smtp-bot.lit2.probe.9.v08#2b0106" connection-mark=rosgen-cafe-smtp-bot-1 content="PT To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-10-10693e
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-9-2b0106 comment="rosgen:cafe:smtp-bot.lit2.probe.9.v09#2b0106" connection-mark=rosgen-cafe-smtp-bot-1 content="pT To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-11-5e6c23
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-9-2b0106 comment="rosgen:cafe:smtp-bot.lit2.probe.9.v0a#2b0106" connection-mark=rosgen-cafe-smtp-bot-1 content="Pt To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-12-a5a633
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-9-2b0106 comment="rosgen:cafe:smtp-bot.lit2.probe.9.v0b#2b0106" connection-mark=rosgen-cafe-smtp-bot-1 content="pt To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-13-9e7bff
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-1-756709 comment="rosgen:cafe:proxy-connect.lit1.probe.1.v00#756709" connection-mark=!rosgen-cafe-proxy-connect content="CT " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-2-032ff5
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-lit1-1-756709 comment="rosgen:cafe:proxy-connect.lit1.probe.1.v01#756709" connection-mark=!rosgen-cafe-proxy-connect content="cT " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-1-ff93cc comment="rosgen:cafe:smtp-bot.lit2.probe.1.v00#ff93cc" connection-mark=rosgen-cafe-smtp-bot-1 content="T TO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-2-473c94
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-1-ff93cc comment="rosgen:cafe:smtp-bot.lit2.probe.1.v01#ff93cc" connection-mark=rosgen-cafe-smtp-bot-1 content="t TO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-5-2ead5d
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-1-ff93cc comment="rosgen:cafe:smtp-bot.lit2.probe.1.v02#ff93cc" connection-mark=rosgen-cafe-smtp-bot-1 content="T tO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-6-9b8824
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-1-ff93cc comment="rosgen:cafe:smtp-bot.lit2.probe.1.v03#ff93cc" connection-mark=rosgen-cafe-smtp-bot-1 content="t tO:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-7-09768c
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-8-4474b0 comment="rosgen:cafe:smtp-bot.lit2.probe.8.v02#4474b0" connection-mark=rosgen-cafe-smtp-bot-1 content=" To:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-9-2b0106
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-lit2-8-4474b0 comment="rosgen:cafe:smtp-bot.lit2.probe.8.v03#4474b0" connection-mark=rosgen-cafe-smtp-bot-1 content=" to:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-2006fd comment="rosgen:cafe:proxy-connect.lit1.probe.v00#2006fd" connection-mark=!rosgen-cafe-proxy-connect content="T " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-1-756709
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-proxy-connect-2-2006fd comment="rosgen:cafe:proxy-connect.lit1.probe.v01#2006fd" connection-mark=!rosgen-cafe-proxy-connect content="t " jump-target=rosgen-cafe-sig-proxy-connect-2-lit1-8-d4bd67
/ip firewall mangle add action=log chain=rosgen-cafe-sig-proxy-connect-2-2006fd comment="rosgen:cafe:proxy-connect.log#2006fd" connection-mark=rosgen-cafe-proxy-connect limit=10/1m,5:packet log-prefix="proxy-connect"
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-56c35a comment="rosgen:cafe:smtp-bot.lit2.probe.v00#56c35a" connection-mark=rosgen-cafe-smtp-bot-1 content="O:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-1-ff93cc
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-2-56c35a comment="rosgen:cafe:smtp-bot.lit2.probe.v01#56c35a" connection-mark=rosgen-cafe-smtp-bot-1 content="o:" jump-target=rosgen-cafe-sig-smtp-bot-2-lit2-8-4474b0
/ip firewall mangle add action=log chain=rosgen-cafe-sig-smtp-bot-2-56c35a comment="rosgen:cafe:smtp-bot.log#56c35a" connection-mark=rosgen-cafe-smtp-bot limit=10/1m,5:packet log-prefix="smtp-bot"
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-d0e1eb comment="rosgen:cafe:smtp-bot.lit1.probe.v00#d0e1eb" connection-mark=!rosgen-cafe-smtp-bot-1 content="HE" jump-target=rosgen-cafe-sig-smtp-bot-lit1-1-09be73
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-d0e1eb comment="rosgen:cafe:smtp-bot.lit1.probe.v01#d0e1eb" connection-mark=!rosgen-cafe-smtp-bot-1 content="hE" jump-target=rosgen-cafe-sig-smtp-bot-lit1-2-d06a2c
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-d0e1eb comment="rosgen:cafe:smtp-bot.lit1.probe.v02#d0e1eb" connection-mark=!rosgen-cafe-smtp-bot-1 content="He" jump-target=rosgen-cafe-sig-smtp-bot-lit1-3-fa8f01
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-d0e1eb comment="rosgen:cafe:smtp-bot.lit1.probe.v03#d0e1eb" connection-mark=!rosgen-cafe-smtp-bot-1 content="he" jump-target=rosgen-cafe-sig-smtp-bot-lit1-6-da9736
/ip firewall mangle add action=jump chain=rosgen-cafe-sig-smtp-bot-d0e1eb comment="rosgen:cafe:smtp-bot.lit2.next#d0e1eb" connection-mark=rosgen-cafe-smtp-bot-1 jump-target=rosgen-cafe-sig-smtp-bot-2-56c35a
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.mark.smtp-bot-1" connection-mark=rosgen-cafe-smtp-bot-1
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.quarantine.to" dst-address-list=rosgen-cafe-quarantine
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.mark.smtp-bot" connection-mark=rosgen-cafe-smtp-bot
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.mark.proxy-connect" connection-mark=rosgen-cafe-proxy-connect
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.proxy-connect.request" connection-bytes=0-2048 dst-port=80,3128,8080 protocol=tcp src-address=192.168.88.0/24
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.proxy-connect.reply" connection-bytes=0-2048 dst-address=192.168.88.0/24 protocol=tcp src-port=80,3128,8080
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.smtp-bot.request" connection-bytes=0-4096 dst-port=25,465,587 protocol=tcp src-address=192.168.88.0/24
/ip firewall filter add action=accept chain=rosgen-cafe-guard comment="rosgen:cafe:guard.smtp-bot.reply" connection-bytes=0-4096 dst-address=192.168.88.0/24 protocol=tcp src-port=25,465,587
/ip firewall filter add action=drop chain=rosgen-cafe-fwd comment="rosgen:cafe:mail-per-host.forward" connection-limit=6,32 connection-state=new dst-port=25,465,587 protocol=tcp place-before=[find where comment="rosgen:cafe:proxy-connect.forward"]
/ip firewall filter add action=drop chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-bot.forward (rosgen: replacing copies)" connection-mark=rosgen-cafe-smtp-bot place-before=[find where comment="rosgen:cafe:proxy-connect.forward.drop"]
/ip firewall mangle add action=return chain=rosgen-cafe-fwd comment="rosgen:cafe:smtp-syn.forward.done" packet-mark=rosgen-cafe-smtp-syn place-before=[find where comment="rosgen:cafe:proxy-connect.gate.forward"]
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-syn.forward"] passthrough=yes
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.gate.forward"] packet-size=55-65535 tcp-flags=!syn
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.gate.forward"] tcp-flags=!syn
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit2#484778"] action=jump connection-mark=!rosgen-cafe-proxy-connect jump-target=rosgen-cafe-sig-proxy-connect-2-2006fd !new-packet-mark !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v00#f18690"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3-f18690 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v01#f18690"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3-f18690 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v02#f18690"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3-f18690 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v03#f18690"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3-f18690 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v04#f18690"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3-f18690 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v06#f18690"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3-f18690 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v07#f18690"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-3-f18690 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v08#b2fa00"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4-b2fa00 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v09#b2fa00"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4-b2fa00 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0a#b2fa00"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4-b2fa00 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0b#b2fa00"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4-b2fa00 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0c#b2fa00"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4-b2fa00 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0d#b2fa00"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4-b2fa00 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0e#b2fa00"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4-b2fa00 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v0f#b2fa00"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-4-b2fa00 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v10#fbc726"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5-fbc726 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v11#fbc726"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5-fbc726 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v12#fbc726"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5-fbc726 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v13#fbc726"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5-fbc726 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v14#fbc726"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5-fbc726 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v15#fbc726"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5-fbc726 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v16#fbc726"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5-fbc726 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v17#fbc726"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-5-fbc726 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v18#688ee1"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6-688ee1 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v19#688ee1"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6-688ee1 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1a#688ee1"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6-688ee1 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1b#688ee1"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6-688ee1 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1c#688ee1"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6-688ee1 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1d#688ee1"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6-688ee1 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1e#688ee1"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6-688ee1 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v1f#688ee1"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-6-688ee1 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v20#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v21#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v22#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v23#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v24#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v25#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v26#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v27#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v28#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v29#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2a#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2b#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2c#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2d#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2e#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v2f#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v30#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v31#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v32#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v33#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v34#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v35#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v36#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v37#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v38#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v39#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3a#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3b#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3c#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3d#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3e#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v3f#f04a17"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-7-f04a17 log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v40#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v41#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v42#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v43#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v44#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v45#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v46#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v47#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v48#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v49#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4a#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4b#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4c#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4d#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4e#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v4f#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v50#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v51#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v52#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v53#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v54#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v55#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v56#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v57#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v58#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v59#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5a#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5b#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5c#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5d#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5e#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v5f#01d0de"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-9-01d0de log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v60#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v61#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v62#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v63#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v64#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v65#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v66#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v67#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v68#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v69#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6a#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6b#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6c#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6d#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6e#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v6f#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v70#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v71#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v72#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v73#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v74#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v75#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v76#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v77#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v78#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v79#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7a#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7b#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7c#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7d#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7e#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:proxy-connect.lit1.v7f#b4fd9c"] chain=rosgen-cafe-sig-proxy-connect-2-lit1-10-b4fd9c log=no log-prefix="" !packet-mark
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v00#09be73"] chain=rosgen-cafe-sig-smtp-bot-lit1-1-09be73
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v04#09be73"] chain=rosgen-cafe-sig-smtp-bot-lit1-1-09be73
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v08#09be73"] chain=rosgen-cafe-sig-smtp-bot-lit1-1-09be73
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0c#09be73"] chain=rosgen-cafe-sig-smtp-bot-lit1-1-09be73
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v01#d06a2c"] chain=rosgen-cafe-sig-smtp-bot-lit1-2-d06a2c
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v05#d06a2c"] chain=rosgen-cafe-sig-smtp-bot-lit1-2-d06a2c
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v09#d06a2c"] chain=rosgen-cafe-sig-smtp-bot-lit1-2-d06a2c
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0d#d06a2c"] chain=rosgen-cafe-sig-smtp-bot-lit1-2-d06a2c
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v02#fbe952"] chain=rosgen-cafe-sig-smtp-bot-lit1-4-fbe952
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0a#fbe952"] chain=rosgen-cafe-sig-smtp-bot-lit1-4-fbe952
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v06#c340ae"] chain=rosgen-cafe-sig-smtp-bot-lit1-5-c340ae
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0e#c340ae"] chain=rosgen-cafe-sig-smtp-bot-lit1-5-c340ae
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v03#a119d1"] chain=rosgen-cafe-sig-smtp-bot-lit1-7-a119d1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0b#a119d1"] chain=rosgen-cafe-sig-smtp-bot-lit1-7-a119d1
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v07#0f5a47"] chain=rosgen-cafe-sig-smtp-bot-lit1-8-0f5a47
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit1.v0f#0f5a47"] chain=rosgen-cafe-sig-smtp-bot-lit1-8-0f5a47
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v00#b3402c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-3-b3402c log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v01#b3402c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-3-b3402c log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v02#b3402c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-3-b3402c log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v03#b3402c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-3-b3402c log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v04#3ff75e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-4-3ff75e log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v05#3ff75e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-4-3ff75e log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v06#3ff75e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-4-3ff75e log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v07#3ff75e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-4-3ff75e log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v08#2ead5d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5-2ead5d log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v09#2ead5d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5-2ead5d log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0a#2ead5d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5-2ead5d log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0b#2ead5d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5-2ead5d log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0c#2ead5d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5-2ead5d log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0d#2ead5d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5-2ead5d log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0e#2ead5d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5-2ead5d log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v0f#2ead5d"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-5-2ead5d log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v10#9b8824"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6-9b8824 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v11#9b8824"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6-9b8824 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v12#9b8824"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6-9b8824 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v13#9b8824"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6-9b8824 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v14#9b8824"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6-9b8824 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v15#9b8824"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6-9b8824 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v16#9b8824"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6-9b8824 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v17#9b8824"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-6-9b8824 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v18#09768c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7-09768c log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v19#09768c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7-09768c log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1a#09768c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7-09768c log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1b#09768c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7-09768c log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1c#09768c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7-09768c log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1d#09768c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7-09768c log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1e#09768c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7-09768c log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v1f#09768c"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-7-09768c log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v20#10693e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-10-10693e log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v21#10693e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-10-10693e log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v22#10693e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-10-10693e log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v23#10693e"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-10-10693e log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v24#5e6c23"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-11-5e6c23 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v25#5e6c23"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-11-5e6c23 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v26#5e6c23"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-11-5e6c23 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v27#5e6c23"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-11-5e6c23 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v28#a5a633"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-12-a5a633 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v29#a5a633"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-12-a5a633 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2a#a5a633"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-12-a5a633 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2b#a5a633"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-12-a5a633 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2c#9e7bff"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-13-9e7bff log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2d#9e7bff"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-13-9e7bff log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2e#9e7bff"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-13-9e7bff log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v2f#9e7bff"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-13-9e7bff log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v30#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v31#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v32#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v33#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v34#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v35#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v36#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v37#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v38#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v39#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3a#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3b#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3c#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3d#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3e#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall mangle set [find where comment="rosgen:cafe:smtp-bot.lit2.v3f#e84a61"] chain=rosgen-cafe-sig-smtp-bot-2-lit2-14-e84a61 log=no log-prefix=""
/ip firewall filter set [find where comment="rosgen:cafe:per-host.forward"] action=jump connection-limit=60,32 jump-target=rosgen-cafe-per-host-verdict-6f4d12 !reject-with
/ip firewall filter remove [find where comment="rosgen:cafe:smtp-bot.forward"]
/ip firewall filter remove [find where comment="rosgen:cafe:retired-rule"]
/ip firewall mangle remove [find where comment="rosgen:cafe:proxy-connect.lit2.exit"]
/ip firewall filter set [find where comment="rosgen:cafe:smtp-bot.forward (rosgen: replacing copies)"] comment="rosgen:cafe:smtp-bot.forward"
