# RouterOS 6 default configuration (defconf) of a SOHO router, firewall and interface
# lists (with their members) only, written as `/export` prints it (compact, properties in
# alphabetical order).
# Source: MikroTik's documentation of the default configuration (wiki.mikrotik.com
# Manual:Default_Configurations, RouterOS 6.4x; help.mikrotik.com 'Default
# configurations'): the v7 rules without 'accept to local loopback (for CAPsMAN)' and
# without hw-offload. The enabled fasttrack-connection rule makes RouterOS keep a dynamic
# 'special dummy rule to show fasttrack counters' at item 0 of /ip firewall filter.
# feb/10/2022 10:00:00 by RouterOS 6.49.2
# software id =
#
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
/interface list member
add comment=defconf interface=bridge list=LAN
add comment=defconf interface=ether1 list=WAN
/ip firewall filter
add action=accept chain=input comment="defconf: accept established,related,untracked" connection-state=established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=invalid
add action=accept chain=input comment="defconf: accept ICMP" protocol=icmp
add action=drop chain=input comment="defconf: drop all not coming from LAN" in-interface-list=!LAN
add action=accept chain=forward comment="defconf: accept in ipsec policy" ipsec-policy=in,ipsec
add action=accept chain=forward comment="defconf: accept out ipsec policy" ipsec-policy=out,ipsec
add action=fasttrack-connection chain=forward comment="defconf: fasttrack" connection-state=established,related
add action=accept chain=forward comment="defconf: accept established,related, untracked" connection-state=established,related,untracked
add action=drop chain=forward comment="defconf: drop invalid" connection-state=invalid
add action=drop chain=forward comment="defconf: drop all from WAN not DSTNATed" connection-nat-state=!dstnat connection-state=new in-interface-list=WAN
/ip firewall nat
add action=masquerade chain=srcnat comment="defconf: masquerade" ipsec-policy=out,none out-interface-list=WAN
