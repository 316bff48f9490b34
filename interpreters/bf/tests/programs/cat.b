Copies stdin to stdout adding one to each byte until end of input
,[+.,]
