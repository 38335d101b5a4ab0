package protocol

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestDecodeControl(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want any
	}{
		{"hello", `{"type":"hello","version":2,"scene":"mogao-257","name":"Ana"}`,
			&Hello{Type: TypeHello, Version: 2, Scene: "mogao-257", Name: "Ana"}},
		{"hello in Chinese with spaces around JSON", " \n{\"type\":\"hello\",\"version\":2,\"scene\":\"mogao-257\",\"name\":\"张三\"}\t",
			&Hello{Type: TypeHello, Version: 2, Scene: "mogao-257", Name: "张三"}},
		{"hello of another version decodes; the server answers it", `{"type":"hello","version":2,"scene":"x","name":"A"}`,
			&Hello{Type: TypeHello, Version: 2, Scene: "x", Name: "A"}},
		{"hello without fields", `{"type":"hello"}`, &Hello{Type: TypeHello}},
		{"unknown fields are ignored", `{"type":"hello","version":2,"scene":"s","name":"A","extra":[1,2]}`,
			&Hello{Type: TypeHello, Version: 2, Scene: "s", Name: "A"}},
		{"chat", `{"type":"chat","text":"看这只鹿"}`, &Chat{Type: TypeChat, Text: "看这只鹿"}},
		{"chat in Arabic", `{"type":"chat","text":"انظر إلى الغزال"}`, &Chat{Type: TypeChat, Text: "انظر إلى الغزال"}},
		{"chat with escapes", `{"type":"chat","text":"a\u00e9\n\"b\""}`, &Chat{Type: TypeChat, Text: "aé\n\"b\""}},
		{"chat at the size limit", `{"type":"chat","text":"` + strings.Repeat("x", MaxClientMessageBytes-len(`{"type":"chat","text":""}`)) + `"}`,
			&Chat{Type: TypeChat, Text: strings.Repeat("x", MaxClientMessageBytes-len(`{"type":"chat","text":""}`))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeControl([]byte(tt.in))
			if err != nil {
				t.Fatalf("DecodeControl(%s) = %v", tt.in, err)
			}
			gotJSON, _ := json.Marshal(got)
			wantJSON, _ := json.Marshal(tt.want)
			if string(gotJSON) != string(wantJSON) {
				t.Errorf("DecodeControl(%s) = %T %s, want %T %s", tt.in, got, gotJSON, tt.want, wantJSON)
			}
		})
	}
}

func TestDecodeControlErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		code    string
		notJSON bool     // the error wraps ErrNotJSON
		hints   []string // what the message must mention so a person can fix the frame
	}{
		{"empty frame", ``, CodeBadMessage, true, []string{"not valid JSON", `"type"`}},
		{"plain text", `hello`, CodeBadMessage, true, []string{"not valid JSON", `{"type":"chat"`}},
		{"cut JSON", `{"type":"chat","text":"hi`, CodeBadMessage, true, []string{"not valid JSON"}},
		{"trailing garbage", `{"type":"chat","text":"hi"}x`, CodeBadMessage, true, []string{"not valid JSON"}},
		{"invalid UTF-8 outside strings", "{\"type\":\"chat\",\xff}", CodeBadMessage, true, []string{"not valid JSON"}},
		{"null", `null`, CodeBadMessage, true, []string{"not a JSON object"}},
		{"array", `[{"type":"chat"}]`, CodeBadMessage, true, []string{"not a JSON object"}},
		{"string", `"chat"`, CodeBadMessage, true, []string{"not a JSON object"}},
		{"number", `42`, CodeBadMessage, true, []string{"not a JSON object"}},
		{"no type", `{"text":"hi"}`, CodeBadMessage, false, []string{`no "type"`, `"hello"`, `"chat"`}},
		{"empty type", `{"type":"","text":"hi"}`, CodeBadMessage, false, []string{`no "type"`}},
		{"type is a number", `{"type":7}`, CodeBadMessage, false, []string{`"type" is a JSON number`, "must be a string"}},
		{"type is an object", `{"type":{}}`, CodeBadMessage, false, []string{`"type" is a JSON object`}},
		{"unknown type", `{"type":"teleport"}`, CodeUnknownType, false, []string{`"teleport"`, `"hello", "chat", "hand" and "guide"`}},
		{"server-only type", `{"type":"welcome","id":1}`, CodeUnknownType, false, []string{`"welcome"`}},
		{"type is case-sensitive", `{"type":"Chat","text":"hi"}`, CodeUnknownType, false, []string{`"Chat"`}},
		{"long unknown type is cut", `{"type":"` + strings.Repeat("z", 100) + `"}`, CodeUnknownType, false, []string{strings.Repeat("z", 40) + "…"}},
		{"hello version is a string", `{"type":"hello","version":"1","scene":"s","name":"A"}`, CodeBadMessage, false,
			[]string{"hello is malformed", `"version":2`}},
		{"hello name is a number", `{"type":"hello","version":2,"scene":"s","name":5}`, CodeBadMessage, false,
			[]string{"hello is malformed", `"name":NAME`}},
		{"hello version too large", `{"type":"hello","version":1e40}`, CodeBadMessage, false, []string{"hello is malformed"}},
		{"chat text is a list", `{"type":"chat","text":["a"]}`, CodeBadMessage, false,
			[]string{"chat is malformed", `{"type":"chat","text":TEXT}`}},
		{"over the size limit", `{"type":"chat","text":"` + strings.Repeat("x", MaxClientMessageBytes) + `"}`, CodeTooBig, false,
			[]string{"over the limit of 4096"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeControl([]byte(tt.in))
			if got != nil {
				t.Errorf("DecodeControl returned %#v with its error, want nil", got)
			}
			var pe Error
			if !errors.As(err, &pe) {
				t.Fatalf("DecodeControl(%.60q) = %v (%T), want a protocol.Error", tt.in, err, err)
			}
			if pe.Type != TypeError || pe.Code != tt.code {
				t.Errorf("error type %q code %q, want %q %q (message: %s)", pe.Type, pe.Code, TypeError, tt.code, pe.Message)
			}
			for _, h := range tt.hints {
				if !strings.Contains(pe.Message, h) {
					t.Errorf("message %q does not mention %q", pe.Message, h)
				}
			}
			if got := errors.Is(err, ErrNotJSON); got != tt.notJSON {
				t.Errorf("errors.Is(err, ErrNotJSON) = %v, want %v", got, tt.notJSON)
			}
			// The error goes back to the client as it is: it must marshal
			// to the documented event without the local cause.
			b, jerr := json.Marshal(pe)
			if jerr != nil {
				t.Fatal(jerr)
			}
			var back map[string]any
			if jerr := json.Unmarshal(b, &back); jerr != nil || len(back) != 3 || back["code"] != tt.code {
				t.Errorf("error marshals as %s, want exactly type, code and message", b)
			}
		})
	}
}

func TestMaxClientMessageFitsLongestChat(t *testing.T) {
	// The worst escaping common clients produce: JSON.stringify and
	// encoding/json keep most characters as they are but escape a few
	// (<, >, & in Go) as six bytes each.
	for _, r := range []string{"<", "😀", "鹿", "\u2028"} {
		text := strings.Repeat(r, MaxChatRunes)
		b, err := json.Marshal(Chat{Type: TypeChat, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > MaxClientMessageBytes {
			t.Errorf("a chat of %d × %q marshals to %d bytes, over MaxClientMessageBytes %d", MaxChatRunes, r, len(b), MaxClientMessageBytes)
		}
		if _, err := DecodeControl(b); err != nil {
			t.Errorf("a chat of %d × %q is refused: %v", MaxChatRunes, r, err)
		}
	}
}

func TestCheckName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // "" means refused
		hint string // for refusals, what the message must say
	}{
		{"latin", "Ana", "Ana", ""},
		{"spaces trimmed", "  Ana Li \t", "Ana Li", ""},
		{"inner space kept", "Ana  Li", "Ana  Li", ""},
		{"32 Chinese characters", strings.Repeat("敦", 32), strings.Repeat("敦", 32), ""},
		{"33 Chinese characters", strings.Repeat("敦", 33), "", "33 characters; shorten it to at most 32"},
		{"32 Arabic letters", strings.Repeat("ع", 32), strings.Repeat("ع", 32), ""},
		{"33 Arabic letters", strings.Repeat("ع", 33), "", "33 characters"},
		{"32 emoji of four bytes", strings.Repeat("🦌", 32), strings.Repeat("🦌", 32), ""},
		{"32 runes after trimming", "  " + strings.Repeat("a", 32) + "  ", strings.Repeat("a", 32), ""},
		{"ideographic space trimmed", "\u3000张三\u3000", "张三", ""},
		{"empty", "", "", "empty"},
		{"only spaces", "   \t ", "", "empty"},
		{"only ideographic space", "\u3000", "", "empty"},
		{"newline inside", "Ana\nLi", "", "control character"},
		{"NUL", "Ana\x00", "", "control character"},
		{"escape", "\x1b[31mAna", "", "control character"},
		{"C1 control", "Ana\u0085Li", "", "control character"},
		{"DEL", "Ana\x7f", "", "control character"},
		{"zero-width space passing for Ana", "Ana\u200b", "", "invisible formatting character (U+200B)"},
		{"right-to-left override", "\u202eanA", "", "invisible formatting character (U+202E)"},
		{"invalid UTF-8", "Ana\xff", "", "not valid UTF-8"},
		{"cut multibyte character", "张\xe4\xb8", "", "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckName(tt.in)
			if tt.want != "" {
				if err != nil || got != tt.want {
					t.Errorf("CheckName(%q) = %q, %v; want %q, nil", tt.in, got, err, tt.want)
				}
				return
			}
			var pe Error
			if !errors.As(err, &pe) || pe.Code != CodeBadName {
				t.Fatalf("CheckName(%q) = %q, %v; want a protocol.Error with code %q", tt.in, got, err, CodeBadName)
			}
			if !strings.Contains(pe.Message, tt.hint) {
				t.Errorf("CheckName(%q) says %q; want it to mention %q", tt.in, pe.Message, tt.hint)
			}
		})
	}
}

func TestCheckChat(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // "" means refused
		hint string
	}{
		{"plain", "看这只鹿", "看这只鹿", ""},
		{"trimmed", "  hello \n", "hello", ""},
		{"inner newline kept", "line one\nline two", "line one\nline two", ""},
		{"500 Chinese characters", strings.Repeat("鹿", MaxChatRunes), strings.Repeat("鹿", MaxChatRunes), ""},
		{"501 Chinese characters", strings.Repeat("鹿", MaxChatRunes+1), "", "501 characters; shorten it to at most 500"},
		{"500 Arabic letters", strings.Repeat("غ", MaxChatRunes), strings.Repeat("غ", MaxChatRunes), ""},
		{"501 Arabic letters", strings.Repeat("غ", MaxChatRunes+1), "", "501 characters"},
		{"empty", "", "", "empty"},
		{"only spaces", " \t\n ", "", "empty"},
		{"invalid UTF-8", "hi \xc3", "", "not valid UTF-8"},
		{"emoji with joiner kept", "👩\u200d🎨 nice", "👩\u200d🎨 nice", ""},
		{"escape sequence", "\x1b[2Jgone", "", "control character (U+001B)"},
		{"right-to-left override", "look \u202eereh", "", "control character (U+202E)"},
		{"directional isolate", "a\u2066b", "", "control character (U+2066)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckChat(tt.in)
			if tt.want != "" {
				if err != nil || got != tt.want {
					t.Errorf("CheckChat(%.40q) = %.40q, %v; want %.40q, nil", tt.in, got, err, tt.want)
				}
				return
			}
			var pe Error
			if !errors.As(err, &pe) || pe.Code != CodeBadChat {
				t.Fatalf("CheckChat(%.40q) = %.40q, %v; want a protocol.Error with code %q", tt.in, got, err, CodeBadChat)
			}
			if !strings.Contains(pe.Message, tt.hint) {
				t.Errorf("CheckChat(%.40q) says %q; want it to mention %q", tt.in, pe.Message, tt.hint)
			}
		})
	}
}
