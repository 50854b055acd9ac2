using JenkinsLite.Protocol.Cli;

namespace JenkinsLite.Cli.Tests.Protocol;

internal sealed class ModifiedUtf8Tests
{
    [Test]
    public void Encode_EmojiAndAccent_WritesSurrogatesAsThreeBytesEach()
    {
        // Arrange: the http-unicode transcript's argument 'P=é😀'

        // Act
        var bytes = ModifiedUtf8.Encode("P=é😀");

        // Assert
        Assert.That(bytes, Is.EqualTo(Hex.Bytes("00 0a 50 3d c3 a9 ed a0 bd ed b8 80")));
    }

    [Test]
    public void Encode_Nul_WritesC080()
    {
        Assert.That(ModifiedUtf8.Encode("a\0b"), Is.EqualTo(Hex.Bytes("00 04 61 c0 80 62")));
    }

    [TestCase("")]
    [TestCase("who-am-i")]
    [TestCase("P=é😀")]
    [TestCase("a\0b\u07ff\u0800\uffff")]
    public void Decode_WhatEncodeWrote_GivesTheSameString(string value)
    {
        // Act
        var text = ModifiedUtf8.Decode(ModifiedUtf8.Encode(value), out var consumed);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo(value));
            Assert.That(consumed, Is.EqualTo(ModifiedUtf8.EncodedLength(value) + 2));
        });
    }

    [Test]
    public void Encode_MoreThan65535Bytes_Throws()
    {
        Assert.That(() => ModifiedUtf8.Encode(new string('é', 40_000)), Throws.ArgumentException);
    }

    [TestCase("00 02 ff ff")]
    [TestCase("00 02 c3")]
    [TestCase("00 05 41")]
    [TestCase("00")]
    [TestCase("00 03 e0 80")]
    public void Decode_Malformed_ThrowsProtocolException(string hex)
    {
        Assert.That(() => ModifiedUtf8.Decode(Hex.Bytes(hex), out _), Throws.TypeOf<CliProtocolException>());
    }
}
