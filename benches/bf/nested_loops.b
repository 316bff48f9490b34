Nested counting loops with arithmetic in the innermost body
Cells: 0 to 3 are loop counters and 4 to 6 are accumulators
>++++++++++[<++++++>-]<[>>++++++++++[<++++++++++>-]<[>>++++++++++[<++++++++++>-]<[>>++++++++++[<++++++++++>-]<[>+>+++>-<<<-]<-]<-]<-]>>>>.>.>.
