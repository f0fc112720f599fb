module example.com/cancellation/exercises

go 1.26
