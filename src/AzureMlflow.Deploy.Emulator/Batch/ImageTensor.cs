using AzureMlflow.Deploy.Emulator.Scoring;
using StbImageSharp;

namespace AzureMlflow.Deploy.Emulator.Batch;

/// <summary>
/// Turns an image file into the uint8 tensor MLflow batch scoring feeds a model: height x width (grayscale images) or
/// height x width x 3 (colour, alpha dropped), reshaped to the signature's tensor shape with a batch of one.
/// </summary>
internal static class ImageTensor
{
    public static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".tiff", ".bmp", ".gif"];

    public static bool IsImage(string fileName) => Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant());

    public static NumericTensor Decode(byte[] bytes, string fileName, TensorSpec? spec)
    {
        (double[] values, int[] natural) = Path.GetExtension(fileName).Equals(".tiff", StringComparison.OrdinalIgnoreCase)
            ? Tiff(bytes, fileName)
            : Decode(bytes, fileName);
        return Shape(values, natural, fileName, spec);
    }

    private static (double[] Values, int[] Natural) Tiff(byte[] bytes, string fileName)
    {
        byte[] pixels = TiffImage.Decode(bytes, fileName, out int width, out int height, out int channels);
        return ([.. pixels.Select(p => (double)p)], channels == 1 ? [height, width] : [height, width, 3]);
    }

    /// <summary>PNG, JPEG, BMP and GIF (first frame) with stb_image's managed port: grayscale stays one channel, anything else is RGB.</summary>
    private static (double[] Values, int[] Natural) Decode(byte[] bytes, string fileName)
    {
        ImageInfo info = ImageInfo.FromStream(new MemoryStream(bytes)) ?? throw new FormatException($"cannot identify image file '{fileName}'");
        bool gray = info.ColorComponents == ColorComponents.Grey;
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(bytes, gray ? ColorComponents.Grey : ColorComponents.RedGreenBlue);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new FormatException($"cannot decode image file '{fileName}': {ex.Message}", ex);
        }
        return ([.. image.Data.Select(p => (double)p)], gray ? [image.Height, image.Width] : [image.Height, image.Width, 3]);
    }

    /// <summary>Reshapes the pixels to the signature's tensor shape (batch of one), as numpy's reshape would.</summary>
    private static NumericTensor Shape(double[] values, int[] natural, string fileName, TensorSpec? spec)
    {
        if (spec is null)
        {
            return new NumericTensor(null, values, [1, .. natural]);
        }
        int[] shape = spec.Shape.Select((d, index) => index == 0 && d == -1 ? 1 : d).ToArray();
        int unknown = Array.IndexOf(shape, -1);
        long known = shape.Where(d => d != -1).Aggregate(1L, (product, d) => product * d);
        if (unknown >= 0 && known > 0 && values.Length % known == 0)
        {
            shape[unknown] = (int)(values.Length / known);
        }
        if (shape.Aggregate(1L, (product, d) => product * d) != values.Length)
        {
            throw new FormatException($"cannot reshape array of size {values.Length} into shape ({string.Join(", ", spec.Shape)}) for image '{fileName}'");
        }
        return new NumericTensor(spec.Name, values, shape);
    }
}
