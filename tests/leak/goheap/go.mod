module dlbench/tests/leak/goheap

go 1.19
