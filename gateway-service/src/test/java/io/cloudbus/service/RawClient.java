package io.cloudbus.service;

import static io.cloudbus.service.Patience.PATIENT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A blocking TCP client for hostile-client tests (test thread only): writes hand-made HTTP requests
 * and WebSocket frames, reads answers. Every read is bounded by a generous socket timeout, a safety
 * net that never decides a test by speed: a read that times out fails the test.
 */
final class RawClient implements AutoCloseable {

  /** How long a read may block before the test fails (the machine may be busy). */
  static final int READ_TIMEOUT_MS = (int) PATIENT.toMillis();

  final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawClient(int port) {
    try {
      socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
      socket.setSoTimeout(READ_TIMEOUT_MS);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(String ascii) {
    write(ascii.getBytes(StandardCharsets.ISO_8859_1));
  }

  void write(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads up to the end of a response head (or of the stream); returns it (may be empty). */
  String readHead() {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        byte[] h = head.toByteArray();
        int n = h.length;
        if (n >= 4
            && h[n - 4] == '\r'
            && h[n - 3] == '\n'
            && h[n - 2] == '\r'
            && h[n - 1] == '\n') {
          break;
        }
      }
    } catch (IOException e) {
      if (e instanceof SocketTimeoutException) {
        throw new UncheckedIOException(e);
      }
      // a reset after the answer: what was read is the answer
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads the rest of the stream until the server closes it; returns what was read. */
  String readToEnd() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        all.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new UncheckedIOException("the server did not close the connection", e);
    } catch (IOException e) {
      // reset by the server: closed as well
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }

  /** A full response as a string: head, then the body up to the close (Connection: close). */
  String readResponseToEnd() {
    return readHead() + readToEnd();
  }

  int read(byte[] buf) {
    try {
      return in.read(buf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- WebSocket

  /** Opens a WebSocket on {@code path} with a real handshake; returns the response head. */
  String upgrade(String path) {
    write(
        "GET "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    return readHead();
  }

  /** A masked client frame; {@code rsv} is the three reserved bits (RSV1 = 4). */
  static byte[] frame(int opcode, boolean fin, int rsv, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
    b.put((byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode));
    if (payload.length < 126) {
      b.put((byte) (0x80 | payload.length));
    } else if (payload.length <= 0xFFFF) {
      b.put((byte) (0x80 | 126)).putShort((short) payload.length);
    } else {
      b.put((byte) (0x80 | 127)).putLong(payload.length);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    b.put(mask);
    for (int i = 0; i < payload.length; i++) {
      b.put((byte) (payload[i] ^ mask[i & 3]));
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  static byte[] text(String s) {
    return frame(1, true, 0, s.getBytes(StandardCharsets.UTF_8));
  }

  /** One server frame: its opcode and payload. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a close frame. */
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }

    String closeReason() {
      return payload.length > 2
          ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
          : "";
    }
  }

  /** The next server frame, or null at the end of the stream. */
  Frame readFrame() {
    try {
      int b0 = in.read();
      if (b0 < 0) {
        return null;
      }
      int b1 = in.read();
      long len = b1 & 0x7F;
      if (len == 126) {
        len = ((in.read() & 0xFF) << 8) | (in.read() & 0xFF);
      } else if (len == 127) {
        len = ByteBuffer.wrap(in.readNBytes(8)).getLong();
      }
      byte[] payload = in.readNBytes((int) len);
      return new Frame(b0 & 0x0F, payload);
    } catch (SocketTimeoutException e) {
      throw new UncheckedIOException("no frame from the server", e);
    } catch (IOException e) {
      return null; // reset
    }
  }

  /** Reads frames until a close frame (returned) or the end of the stream (null). */
  Frame readUntilClose() {
    Frame f;
    while ((f = readFrame()) != null) {
      if (f.opcode() == 8) {
        return f;
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
