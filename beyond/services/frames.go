package services

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// LogFrames wraps ln, a gRPC server's listener, so that each connection it
// accepts logs to log, in the lane name, the HTTP/2 frames that carry a
// call's deadline and its cancel, as the server reads them: the grpc-timeout
// header of a HEADERS frame that opens a call, and an RST_STREAM frame with
// its error code. A frame is logged before the server sees it.
func LogFrames(ln net.Listener, log *slog.Logger, name string) net.Listener {
	return &frameListener{Listener: ln, log: log.With("lane", name), name: name}
}

type frameListener struct {
	net.Listener
	log  *slog.Logger
	name string
}

func (l *frameListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	c := &frameConn{Conn: conn, log: l.log, name: l.name}
	c.framer = http2.NewFramer(io.Discard, &c.buf)
	c.framer.ReadMetaHeaders = hpack.NewDecoder(4096, nil)
	return c, nil
}

// frameConn parses the frames in what its server reads: only its Read
// goroutine uses buf and framer.
type frameConn struct {
	net.Conn
	log     *slog.Logger
	name    string
	buf     bytes.Buffer // read, not yet parsed
	framer  *http2.Framer
	preface bool // the client's preface has been read
	broken  bool // a frame could not be parsed: log no more
}

func (c *frameConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if !c.broken {
		c.buf.Write(p[:n])
		c.parse()
	}
	return n, err
}

// parse logs every whole frame in buf.
func (c *frameConn) parse() {
	if !c.preface {
		if c.buf.Len() < len(http2.ClientPreface) {
			return
		}
		c.buf.Next(len(http2.ClientPreface))
		c.preface = true
	}
	for c.buf.Len() >= 9 {
		b := c.buf.Bytes()
		if size := int(b[0])<<16 | int(b[1])<<8 | int(b[2]); c.buf.Len() < 9+size {
			return
		}
		f, err := c.framer.ReadFrame()
		if err != nil {
			c.broken = true
			return
		}
		switch f := f.(type) {
		case *http2.MetaHeadersFrame:
			timeout := "none"
			for _, hf := range f.Fields {
				if hf.Name == "grpc-timeout" {
					timeout = hf.Value
				}
			}
			c.log.Info(fmt.Sprintf("%s: ← HEADERS, stream %d: grpc-timeout %s", c.name, f.StreamID, timeout))
		case *http2.RSTStreamFrame:
			c.log.Info(fmt.Sprintf("%s: ← RST_STREAM, stream %d: %v", c.name, f.StreamID, f.ErrCode))
		}
	}
}
