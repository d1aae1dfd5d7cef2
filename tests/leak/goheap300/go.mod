module dlbench/tests/leak/goheap300

go 1.19
