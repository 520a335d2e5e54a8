namespace Accommodation.Reservations.Infrastructure.Payments;

/// <summary>
/// Payment's circuit breaker as pay sees it before locking anything: while the breaker rests after opening, pay answers
/// "later" at once. Polly moves an open circuit to half-open only when a call tries it, so the pause is kept here from
/// the breaker's callbacks; once it is over, one pay goes through as the breaker's trial and the others keep the quick
/// answer until the trial closes the circuit or opens it again.
/// </summary>
public sealed class PaymentCircuit(TimeProvider time)
{
    private readonly Lock _lock = new();
    private volatile bool _open;
    private DateTimeOffset _restingUntil;
    private TimeSpan _trialTime;

    /// <param name="breakDuration">The breaker's pause.</param>
    /// <param name="trialTime">How long a trial may take (the pipeline's total timeout): a pay that never reaches payment
    /// (an unknown or unpaid reservation) must not keep the circuit resting.</param>
    public void Opened(TimeSpan breakDuration, TimeSpan trialTime)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            // An isolated circuit (opened by hand) rests for TimeSpan.MaxValue.
            _restingUntil = breakDuration < DateTimeOffset.MaxValue - now ? now + breakDuration : DateTimeOffset.MaxValue;
            _trialTime = trialTime;
            _open = true;
        }
    }

    public void Closed() => _open = false;

    /// <summary>How long to wait before paying again, or null when this pay may ask payment (perhaps as the trial).</summary>
    public TimeSpan? RestingFor()
    {
        if (!_open)
        {
            return null;
        }

        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (!_open)
            {
                return null;
            }

            if (now < _restingUntil)
            {
                return _restingUntil - now;
            }

            // This pay is the trial; the next may try once the trial has had its time.
            _restingUntil = now + _trialTime;
            return null;
        }
    }
}
