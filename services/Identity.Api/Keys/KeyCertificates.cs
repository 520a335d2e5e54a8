using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Accommodation.Identity.Api.Configuration;

namespace Accommodation.Identity.Api.Keys;

/// <summary>
/// The token signing and encryption certificates: the operator's, when configured, otherwise self-signed ones generated
/// on first start and kept in a directory, so tokens stay valid across restarts and every replica signs with the same key.
/// </summary>
public static class KeyCertificates
{
    public const string SigningFileName = "signing.pfx";
    public const string EncryptionFileName = "encryption.pfx";

    private static readonly TimeSpan GeneratedValidity = TimeSpan.FromDays(5 * 365);
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string DirectoryOf(KeySettings settings, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(settings.Directory))
        {
            return Path.GetFullPath(settings.Directory, contentRoot);
        }

        var localData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return string.IsNullOrEmpty(localData)
            ? Path.Combine(contentRoot, ".identity-keys")
            : Path.Combine(localData, "Accommodation", "identity-keys");
    }

    public static X509Certificate2 Signing(KeySettings settings, string contentRoot) =>
        settings.SigningCertificate is { Path.Length: > 0 } configured
            ? LoadConfigured(configured, contentRoot)
            : LoadOrCreate(DirectoryOf(settings, contentRoot), SigningFileName, "Accommodation Identity Signing", X509KeyUsageFlags.DigitalSignature, settings.Password);

    public static X509Certificate2 Encryption(KeySettings settings, string contentRoot) =>
        settings.EncryptionCertificate is { Path.Length: > 0 } configured
            ? LoadConfigured(configured, contentRoot)
            : LoadOrCreate(DirectoryOf(settings, contentRoot), EncryptionFileName, "Accommodation Identity Encryption", X509KeyUsageFlags.KeyEncipherment, settings.Password);

    private static X509Certificate2 LoadConfigured(CertificateFile file, string contentRoot) =>
        X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(file.Path, contentRoot), file.Password, X509KeyStorageFlags.EphemeralKeySet);

    private static X509Certificate2 LoadOrCreate(string directory, string fileName, string subject, X509KeyUsageFlags usage, string? password)
    {
        CreatePrivateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            if (existing.NotAfter > DateTime.Now)
            {
                return existing;
            }

            // Expired: OpenIddict would refuse it. Kept aside rather than deleted, for whoever investigates.
            existing.Dispose();
            File.Move(path, Path.Combine(directory, $"{fileName}.expired-{DateTime.UtcNow:yyyyMMddHHmmss}"));
        }

        var generated = Generate(subject, usage).Export(X509ContentType.Pfx, password);
        var temporary = Path.Combine(directory, $"{fileName}.{Guid.NewGuid():N}.tmp");
        WriteOwnerOnly(temporary, generated);
        try
        {
            // Two replicas starting together: the first file in wins and both use it.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static X509Certificate2 Generate(string subject, X509KeyUsageFlags usage)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest($"CN={subject}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(GeneratedValidity));
    }

    private static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        Directory.CreateDirectory(directory, OwnerOnlyDirectory);
    }

    private static void WriteOwnerOnly(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }
}
