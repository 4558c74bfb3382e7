package io.tiergate.adapter.s3;

import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** A Parquet {@link OutputFile} in memory, for objects put to S3 in one request. */
public final class ByteArrayOutputFile implements OutputFile {
  private final String name;
  private byte[] buffer;
  private int size;

  /** @param name what error messages call this file (e.g. the S3 key it is meant for) */
  public ByteArrayOutputFile(String name) {
    this(name, 1 << 16);
  }

  public ByteArrayOutputFile(String name, int initialCapacity) {
    this.name = name;
    this.buffer = new byte[Math.max(64, initialCapacity)];
  }

  @Override public PositionOutputStream create(long blockSizeHint) {
    return createOrOverwrite(blockSizeHint);
  }

  @Override public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    size = 0;
    return new PositionOutputStream() {
      @Override public long getPos() {
        return size;
      }

      @Override public void write(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
      }

      @Override public void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
      }
    };
  }

  private void ensure(int more) {
    long needed = (long) size + more;
    if (needed > buffer.length) {
      if (needed > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException(name + ": Parquet file over 2 GB; write it to a file");
      }
      buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 16,
          Math.max(needed, (long) buffer.length * 2)));
    }
  }

  @Override public boolean supportsBlockSize() {
    return false;
  }

  @Override public long defaultBlockSize() {
    return 0;
  }

  @Override public String getPath() {
    return name;
  }

  /** The bytes written so far (the whole file once the writer is closed). */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  public int size() {
    return size;
  }

  @Override public String toString() {
    return name;
  }
}
