# rosgen diff: patch for policy "cafe" against tests/golden/diff/in-sync-newer-export/running.rsc
# 0 move(s), 0 add(s), 0 change(s), 0 removal(s); items rosgen does not own are not touched
