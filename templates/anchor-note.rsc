#
# Anchors: one jump per built-in chain the policy uses, placed at the top of that chain
# (place-before=0) so that rosgen-{{policy}}-* chains see packets before other rules.
