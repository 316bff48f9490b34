A loop whose inner branch changes direction
Counts down two hundred times and takes a branch on some counts
then prints the accumulator cells
++++++++++[>++++++++++++++++++++<-]>
[
  >>+<<
  >>[->+>+<<]>[-<+>]
  >[ -[ [-] >+< ]  ]
  <<<<
  -
]
>>>>>.>.<<.
