Moves left of the first cell: a runtime error
+++<
