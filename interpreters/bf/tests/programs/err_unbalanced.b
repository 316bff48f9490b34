Unbalanced: [ without its partner
+[->+<
