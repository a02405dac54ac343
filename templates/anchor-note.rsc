#
# Anchors: one jump per built-in chain the policy uses into rosgen-{{policy}}-*,
# {{placement}}.
