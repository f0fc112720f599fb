module example.com/cancellation/beyond

go 1.26.0

replace example.com/cancellation => ../
