# rosgen diff: patch for policy "cafe" against tests/golden/diff/in-sync-newer-export/running.rsc
# 0 move(s), 0 add(s), 0 change(s), 0 removal(s); items rosgen does not own are not touched
# Valid once, on the router as tests/golden/diff/in-sync-newer-export/running.rsc shows it: imported twice, its adds
# are added twice. For the next change, export again and run rosgen diff again.
