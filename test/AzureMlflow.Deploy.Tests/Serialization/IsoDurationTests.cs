using AzureMlflow.Deploy.Wire;
using NUnit.Framework;

namespace AzureMlflow.Deploy.Tests.Serialization;

public class IsoDurationTests
{
    [TestCase(500, "PT0.5S")]
    [TestCase(1500, "PT1.5S")]
    [TestCase(60_000, "PT1M")]
    [TestCase(0, "PT0S")]
    [TestCase(3_723_250, "PT1H2M3.25S")]
    [TestCase(1, "PT0.001S")]
    public void FormatsWithoutLosingSubSecondPrecision(int milliseconds, string iso)
    {
        TimeSpan value = TimeSpan.FromMilliseconds(milliseconds);
        Assert.That(IsoDuration.Format(value), Is.EqualTo(iso));
        Assert.That(IsoDuration.Parse(iso), Is.EqualTo(value));
    }

    [Test]
    public void RoundTripsTicks()
    {
        TimeSpan value = TimeSpan.FromTicks(12_345_678);
        Assert.That(IsoDuration.Parse(IsoDuration.Format(value)), Is.EqualTo(value));
    }

    [Test]
    public void RejectsWhatIsNotADuration() =>
        Assert.That(() => IsoDuration.Parse("10 seconds"), Throws.TypeOf<FormatException>().With.Message.Contains("'10 seconds' is not an ISO-8601 duration"));
}
