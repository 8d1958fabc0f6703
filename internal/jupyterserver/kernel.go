package jupyterserver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/coder/websocket"
)

// ProtocolVersion is the Jupyter messaging protocol version spoken.
const ProtocolVersion = "5.3"

// Kernel is a kernel started on a Server, with its websocket channels open.
type Kernel struct {
	ID      string
	server  *Server
	conn    *websocket.Conn
	session string
}

// StartKernel starts a kernel of the named kernelspec (e.g. "gonb") with
// POST /api/kernels and opens its channels websocket.
func (s *Server) StartKernel(ctx context.Context, name string) (*Kernel, error) {
	var started struct {
		ID string `json:"id"`
	}
	if err := s.call(ctx, http.MethodPost, "api/kernels", map[string]string{"name": name}, http.StatusCreated, &started); err != nil {
		return nil, err
	}
	k := &Kernel{ID: started.ID, server: s, session: newID()}
	wsURL := "ws" + strings.TrimPrefix(s.BaseURL, "http") + "api/kernels/" + k.ID + "/channels?session_id=" + k.session
	conn, _, err := websocket.Dial(ctx, wsURL, &websocket.DialOptions{
		HTTPHeader: http.Header{"Authorization": {"token " + s.Token}},
	})
	if err != nil {
		_ = s.call(context.WithoutCancel(ctx), http.MethodDelete, "api/kernels/"+k.ID, nil, http.StatusNoContent, nil)
		return nil, fmt.Errorf("jupyterserver: kernel %s channels: %w", k.ID, err)
	}
	conn.SetReadLimit(64 << 20)
	k.conn = conn
	return k, nil
}

// Close closes the channels and shuts the kernel down (DELETE /api/kernels/ID).
func (k *Kernel) Close(ctx context.Context) error {
	_ = k.conn.Close(websocket.StatusNormalClosure, "")
	return k.server.call(ctx, http.MethodDelete, "api/kernels/"+k.ID, nil, http.StatusNoContent, nil)
}

// Execution is what one execute_request produced.
type Execution struct {
	Status   string          // the execute_reply status: "ok", "error" or "aborted"
	Stdout   string          // stream output to stdout
	Stderr   string          // stream output to stderr
	Errors   []ErrorOutput   // error messages on iopub
	Displays []DisplayOutput // display_data and execute_result messages
}

// ErrorOutput is an "error" iopub message.
type ErrorOutput struct {
	EName     string   `json:"ename"`
	EValue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// DisplayOutput is a display_data or execute_result message: MIME type to data.
type DisplayOutput struct {
	Data map[string]any `json:"data"`
}

// message is a Jupyter message as the notebook server's websocket carries
// it: JSON with a "channel" field.
type message struct {
	Header       header          `json:"header"`
	ParentHeader header          `json:"parent_header"`
	Metadata     map[string]any  `json:"metadata"`
	Content      json.RawMessage `json:"content"`
	Channel      string          `json:"channel"`
	Buffers      []any           `json:"buffers"`
}

type header struct {
	MsgID    string `json:"msg_id"`
	Username string `json:"username"`
	Session  string `json:"session"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
	Date     string `json:"date"`
}

// Execute sends an execute_request with code on the shell channel and
// collects the iopub output until the kernel is idle again and has replied.
func (k *Kernel) Execute(ctx context.Context, code string) (*Execution, error) {
	content, err := json.Marshal(map[string]any{
		"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true,
	})
	if err != nil {
		return nil, fmt.Errorf("jupyterserver: execute_request: %w", err)
	}
	req := message{
		Header: header{
			MsgID: newID(), Username: "lensbook", Session: k.session, MsgType: "execute_request",
			Version: ProtocolVersion, Date: time.Now().UTC().Format(time.RFC3339Nano),
		},
		Metadata: map[string]any{}, Content: content, Channel: "shell", Buffers: []any{},
	}
	data, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("jupyterserver: execute_request: %w", err)
	}
	if err := k.conn.Write(ctx, websocket.MessageText, data); err != nil {
		return nil, fmt.Errorf("jupyterserver: sending execute_request to kernel %s: %w", k.ID, err)
	}
	ex := &Execution{}
	replied, idle := false, false
	for !replied || !idle {
		_, raw, err := k.conn.Read(ctx)
		if err != nil {
			return ex, fmt.Errorf("jupyterserver: reading kernel %s: %w", k.ID, err)
		}
		var msg message
		if err := json.Unmarshal(raw, &msg); err != nil {
			return ex, fmt.Errorf("jupyterserver: kernel %s sent a message that is not JSON: %w", k.ID, err)
		}
		if msg.ParentHeader.MsgID != req.Header.MsgID {
			continue
		}
		switch msg.Header.MsgType {
		case "execute_reply":
			var reply struct {
				Status string `json:"status"`
			}
			_ = json.Unmarshal(msg.Content, &reply)
			ex.Status, replied = reply.Status, true
		case "status":
			var st struct {
				State string `json:"execution_state"`
			}
			_ = json.Unmarshal(msg.Content, &st)
			idle = st.State == "idle"
		case "stream":
			var st struct {
				Name string `json:"name"`
				Text string `json:"text"`
			}
			_ = json.Unmarshal(msg.Content, &st)
			if st.Name == "stderr" {
				ex.Stderr += st.Text
			} else {
				ex.Stdout += st.Text
			}
		case "error":
			var e ErrorOutput
			_ = json.Unmarshal(msg.Content, &e)
			ex.Errors = append(ex.Errors, e)
		case "display_data", "execute_result":
			var d DisplayOutput
			_ = json.Unmarshal(msg.Content, &d)
			ex.Displays = append(ex.Displays, d)
		}
	}
	return ex, nil
}

func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// KernelInfo sends a kernel_info_request on the shell channel and returns
// the content of the kernel_info_reply: protocol_version, implementation,
// language_info (what the notebook frontend copies into a notebook's
// metadata), banner...
func (k *Kernel) KernelInfo(ctx context.Context) (map[string]any, error) {
	req := message{
		Header: header{
			MsgID: newID(), Username: "lensbook", Session: k.session, MsgType: "kernel_info_request",
			Version: ProtocolVersion, Date: time.Now().UTC().Format(time.RFC3339Nano),
		},
		Metadata: map[string]any{}, Content: json.RawMessage("{}"), Channel: "shell", Buffers: []any{},
	}
	data, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("jupyterserver: kernel_info_request: %w", err)
	}
	if err := k.conn.Write(ctx, websocket.MessageText, data); err != nil {
		return nil, fmt.Errorf("jupyterserver: sending kernel_info_request to kernel %s: %w", k.ID, err)
	}
	for {
		_, raw, err := k.conn.Read(ctx)
		if err != nil {
			return nil, fmt.Errorf("jupyterserver: reading kernel %s: %w", k.ID, err)
		}
		var msg message
		if err := json.Unmarshal(raw, &msg); err != nil {
			return nil, fmt.Errorf("jupyterserver: kernel %s sent a message that is not JSON: %w", k.ID, err)
		}
		if msg.ParentHeader.MsgID != req.Header.MsgID || msg.Header.MsgType != "kernel_info_reply" {
			continue
		}
		var info map[string]any
		if err := json.Unmarshal(msg.Content, &info); err != nil {
			return nil, fmt.Errorf("jupyterserver: kernel %s: kernel_info_reply: %w", k.ID, err)
		}
		return info, nil
	}
}
