Nested loops three deep printing bytes derived from the counters
++++++[>+++++[>++++[>+>++>+++<<<-]<-]<-]
>>>.>.>.
<<<<++++++++++[>>>>+<<<<-]>>>>.
