using System.Runtime.InteropServices;

namespace Accommodation.Hosting.Processes;

/// <summary>The POSIX calls .NET has no managed API for: signals to process groups, user lookup, chown, close-on-exec.</summary>
internal static partial class LibC
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private const int NoSuchProcess = 3;
    private const uint FirstNonStandardDescriptor = 3;
    private const int CloseRangeCloseOnExec = 4;
    private const int GetDescriptorFlags = 1;
    private const int SetDescriptorFlags = 2;
    private const int CloseOnExecFlag = 1;

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

    /// <summary>
    /// Marks every descriptor above stdin, stdout and stderr close-on-exec, so that a child started next inherits none.
    /// .NET opens its own with the flag, but native code does not always: librdkafka's mock broker accepts sockets
    /// without it, and a broker socket a child holds on to is never really closed, so its client waits for an answer.
    /// </summary>
    public static void MarkDescriptorsCloseOnExec()
    {
        // One call on Linux 5.11 and later; older kernels get the same one descriptor at a time.
        if (close_range(FirstNonStandardDescriptor, uint.MaxValue, CloseRangeCloseOnExec) == 0)
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFiles("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var descriptor) && descriptor >= FirstNonStandardDescriptor
                && fcntl(descriptor, GetDescriptorFlags, 0) is var flags and >= 0)
            {
                _ = fcntl(descriptor, SetDescriptorFlags, flags | CloseOnExecFlag);
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close_range(uint first, uint last, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fcntl(int descriptor, int command, int argument);

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
