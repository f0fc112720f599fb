module example.com/cancellation/beyond/exercises

go 1.26
