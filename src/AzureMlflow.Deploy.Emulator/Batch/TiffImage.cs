using System.Buffers.Binary;

namespace AzureMlflow.Deploy.Emulator.Batch;

/// <summary>
/// A baseline TIFF reader for the image files batch jobs score (StbImageSharp reads the other formats, not TIFF): the first
/// image of the file, 8-bit samples, grayscale or RGB(A) in one plane, uncompressed or PackBits, in strips. Anything else
/// is reported as an image the emulator cannot read.
/// </summary>
internal static class TiffImage
{
    /// <summary>The pixels row by row, <paramref name="channels"/> bytes each (1 gray, 3 RGB; alpha is dropped).</summary>
    public static byte[] Decode(byte[] file, string fileName, out int width, out int height, out int channels)
    {
        try
        {
            return DecodeCore(file, fileName, out width, out height, out channels);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new FormatException($"cannot identify image file '{fileName}' (truncated TIFF)", ex);
        }
    }

    private static byte[] DecodeCore(byte[] file, string fileName, out int width, out int height, out int channels)
    {
        bool little = file.Length >= 8 && file[0] == 'I' && file[1] == 'I';
        if (file.Length < 8 || !(little || (file[0] == 'M' && file[1] == 'M')) || U16(file, 2, little) != 42)
        {
            throw new FormatException($"cannot identify image file '{fileName}'");
        }
        var tags = new Dictionary<int, long[]>();
        int ifd = checked((int)U32(file, 4, little));
        int count = U16(file, ifd, little);
        for (int i = 0; i < count; i++)
        {
            int entry = ifd + 2 + (i * 12);
            int tag = U16(file, entry, little);
            int type = U16(file, entry + 2, little);
            int n = checked((int)U32(file, entry + 4, little));
            int size = type == 3 ? 2 : type == 4 ? 4 : 0;
            if (size == 0 || n > 1_000_000)
            {
                continue; // a tag this reader does not need
            }
            int at = n * size <= 4 ? entry + 8 : checked((int)U32(file, entry + 8, little));
            tags[tag] = [.. Enumerable.Range(0, n).Select(k => size == 2 ? (long)U16(file, at + (k * 2), little) : U32(file, at + (k * 4), little))];
        }
        long Tag(int id, long fallback) => tags.TryGetValue(id, out long[]? v) && v.Length > 0 ? v[0] : fallback;

        width = checked((int)Tag(256, 0));
        height = checked((int)Tag(257, 0));
        int samples = (int)Tag(277, 1);
        long compression = Tag(259, 1);
        if (width <= 0 || height <= 0 || samples is not (1 or 3 or 4) || tags.GetValueOrDefault(258)?.Any(b => b != 8) == true
            || Tag(284, 1) != 1 || compression is not (1 or 32773) || !tags.ContainsKey(273) || !tags.ContainsKey(279))
        {
            throw new FormatException($"cannot decode TIFF image '{fileName}' (the emulator reads 8-bit gray or RGB, uncompressed or PackBits)");
        }
        var raw = new List<byte>(width * height * samples);
        long[] offsets = tags[273];
        long[] lengths = tags[279];
        for (int s = 0; s < offsets.Length && s < lengths.Length; s++)
        {
            ReadOnlySpan<byte> strip = file.AsSpan(checked((int)offsets[s]), checked((int)lengths[s]));
            if (compression == 1)
            {
                raw.AddRange(strip);
            }
            else
            {
                UnpackBits(strip, raw);
            }
        }
        if (raw.Count < width * height * samples)
        {
            throw new FormatException($"cannot decode TIFF image '{fileName}' (its strips hold fewer pixels than {width}x{height})");
        }
        channels = samples == 1 ? 1 : 3;
        var pixels = new byte[width * height * channels];
        for (int p = 0, q = 0; p < pixels.Length; p += channels, q += samples)
        {
            for (int c = 0; c < channels; c++)
            {
                pixels[p + c] = raw[q + c];
            }
        }
        return pixels;
    }

    private static void UnpackBits(ReadOnlySpan<byte> packed, List<byte> output)
    {
        for (int i = 0; i < packed.Length;)
        {
            sbyte header = (sbyte)packed[i++];
            if (header >= 0)
            {
                int literal = Math.Min(header + 1, packed.Length - i);
                output.AddRange(packed.Slice(i, literal));
                i += literal;
            }
            else if (header != -128 && i < packed.Length)
            {
                output.AddRange(Enumerable.Repeat(packed[i++], 1 - header));
            }
        }
    }

    private static ushort U16(byte[] b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at, 2)) : BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at, 2));

    private static uint U32(byte[] b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at, 4)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at, 4));
}
