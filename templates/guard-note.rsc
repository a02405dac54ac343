#
# FastTrack guard: on a router that fast-tracks connections (an enabled
# action=fasttrack-connection rule, as in RouterOS's default firewall), a jump placed
# directly before that rule into rosgen-{{policy}}-guard, found when the script runs.
# Connections rosgen must keep watching are then never fast-tracked; everything else
# still is. Without such a rule nothing is added here.
