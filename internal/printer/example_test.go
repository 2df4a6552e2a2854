package printer_test

import (
	"os"

	"github.com/aerie-sec/aerie/internal/printer"
)

func ExampleWriteTable() {
	_ = printer.WriteTable(os.Stdout, []string{"name", "version"}, [][]string{{"falco-rules", "5.0.0"}, {"k8saudit", "0.7.0"}})
	// Output:
	// NAME          VERSION
	// falco-rules   5.0.0
	// k8saudit      0.7.0
}
