using System.Runtime.InteropServices;

namespace Accommodation.Hosting.Processes;

/// <summary>The POSIX calls .NET has no managed API for: signals to process groups, user lookup, chown.</summary>
internal static partial class LibC
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private const int NoSuchProcess = 3;

    /// <summary>Sends <paramref name="signal"/>; false when no such process (or group) exists any more.</summary>
    public static bool Signal(int pid, int signal)
    {
        if (kill(pid, signal) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchProcess
            ? false
            : throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {error}.");
    }

    public static (uint UserId, uint GroupId)? FindUser(string name)
    {
        var entry = getpwnam(name);
        if (entry == 0)
        {
            return null;
        }

        var passwd = Marshal.PtrToStructure<Passwd>(entry);
        return (passwd.UserId, passwd.GroupId);
    }

    public static void ChangeOwner(string path, uint userId, uint groupId)
    {
        if (chown(path, userId, groupId) != 0)
        {
            throw new IOException($"chown {path} failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>chmod; .NET's File.SetUnixFileMode would need the whole call chain marked Unix-only.</summary>
    public static void ChangeMode(string path, int mode)
    {
        if (chmod(path, (uint)mode) != 0)
        {
            throw new IOException($"chmod {path} failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint getpwnam(string name);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chown(string path, uint owner, uint group);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chmod(string path, uint mode);

    [StructLayout(LayoutKind.Sequential)]
    private struct Passwd
    {
        public nint Name;
        public nint Password;
        public uint UserId;
        public uint GroupId;
        public nint Gecos;
        public nint HomeDirectory;
        public nint Shell;
    }
}
