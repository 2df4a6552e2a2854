package eval

import (
	"context"
	"strings"
	"testing"
)

func TestCompileExpression(t *testing.T) {
	if _, err := CompileExpression(context.Background(), "evt.type=open and proc.name in (cat, bash)", "%evt.num %proc.name"); err != nil {
		t.Fatal(err)
	}
	_, err := CompileExpression(context.Background(), "proc.nobody = x", "")
	if err == nil || !strings.Contains(err.Error(), "proc.nobody") {
		t.Fatalf("unknown field: %v", err)
	}
	if _, err := CompileExpression(context.Background(), "evt.type = open and (", ""); err == nil {
		t.Fatal("syntax error accepted")
	}
}
