package compile

import (
	"strings"

	"github.com/aerie-sec/aerie/engine/condition/parser"
	lr "github.com/aerie-sec/aerie/engine/loadresult"
	"github.com/aerie-sec/aerie/engine/rules"
)

// exceptionText appends the rule's exceptions to its condition, as Falco's build_rule_exception_infos does.
func exceptionText(cond string, exs []rules.Exception) (string, []string, []string, error) {
	var exFields, exOps []string
	cond = "(" + cond + ")"
	for _, ex := range exs {
		var ic string
		if !ex.Fields.IsList {
			for _, v := range ex.Values {
				if v.IsList {
					return "", nil, nil, &compileError{lr.ErrValidate, "Expected values array to contain a list of strings", ex.Ctx}
				}
				if ic == "" {
					ic = "(" + ex.Fields.Item + " " + ex.Comps.Item + " ("
				} else {
					ic += ", "
				}
				ic += quoteItem(v.Item)
			}
			exFields = append(exFields, ex.Fields.Item)
			exOps = append(exOps, ex.Comps.Item)
			if ic != "" {
				ic += "))"
			}
		} else {
			ic = "("
			for _, vals := range ex.Values {
				if len(ex.Fields.Items) != len(vals.Items) {
					return "", nil, nil, &compileError{lr.ErrValidate, "Fields and values lists must have equal length", ex.Ctx}
				}
				if ic != "(" {
					ic += " or "
				}
				ic += "("
				for k, f := range ex.Fields.Items {
					if k > 0 {
						ic += " and "
					}
					var is string
					v := vals.Items[k]
					if v.IsList {
						is = "("
						for _, x := range v.Items {
							if is != "(" {
								is += ", "
							}
							is += quoteItem(x.Item)
						}
						is += ")"
					} else {
						is = v.Item
						if parser.IsListOperator(ex.Comps.Items[k].Item) {
							if !strings.HasPrefix(is, "(") {
								is = "(" + is + ")"
							}
						} else {
							is = quoteItem(is)
						}
					}
					ic += " " + f.Item + " " + ex.Comps.Items[k].Item + " " + is
				}
				ic += ")"
			}
			for k, f := range ex.Fields.Items {
				exFields = append(exFields, f.Item)
				exOps = append(exOps, ex.Comps.Items[k].Item)
			}
			ic += ")"
			if ic == "()" {
				ic = ""
			}
		}
		if ic != "" {
			cond += " and not " + ic
		}
	}
	return cond, exFields, exOps, nil
}

func quoteItem(s string) string {
	if strings.Contains(s, " ") && !strings.HasPrefix(s, `"`) && !strings.HasPrefix(s, "'") {
		return `"` + s + `"`
	}
	return s
}
