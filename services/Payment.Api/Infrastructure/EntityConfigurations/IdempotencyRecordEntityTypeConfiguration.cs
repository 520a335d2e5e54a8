using Accommodation.Payments.Api.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accommodation.Payments.Api.Infrastructure.EntityConfigurations;

internal sealed class IdempotencyRecordEntityTypeConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public const string Table = "idempotency_records";

    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(record => new { record.ClientId, record.Key });
        builder.Ignore(record => record.Response);

        builder.Property(record => record.ClientId).HasColumnName("client_id").HasMaxLength(IdempotencyRecord.ClientIdMaxLength);
        builder.Property(record => record.Key).HasColumnName("key").HasMaxLength(IdempotencyRecord.KeyMaxLength);
        builder.Property(record => record.RequestFingerprint).HasColumnName("request_fingerprint")
            .HasMaxLength(IdempotencyRecord.FingerprintLength).IsFixedLength();
        builder.Property(record => record.State).HasColumnName("state").HasConversion<string>().HasMaxLength(16);
        // Completing or taking over succeeds only for the lease that was read: the loser of a race gets a concurrency failure.
        builder.Property(record => record.LeaseId).HasColumnName("lease_id").IsConcurrencyToken();
        builder.Property(record => record.LockedAt).HasColumnName("locked_at");
        builder.Property(record => record.CreatedAt).HasColumnName("created_at");
        builder.Property(record => record.CompletedAt).HasColumnName("completed_at");
        builder.Property(record => record.ResponseStatus).HasColumnName("response_status");
        builder.Property(record => record.ResponseContentType).HasColumnName("response_content_type").HasMaxLength(100);
        builder.Property(record => record.ResponseBody).HasColumnName("response_body");
        builder.Property(record => record.ResponseLocation).HasColumnName("response_location").HasMaxLength(200);
    }
}
