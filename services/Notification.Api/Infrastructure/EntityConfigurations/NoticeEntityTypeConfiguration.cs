using Accommodation.Notification.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Accommodation.Notification.Api.Infrastructure.EntityConfigurations;

internal sealed class NoticeEntityTypeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.ToTable("notices");
        builder.HasKey(notice => notice.Id);

        builder.Property(notice => notice.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(notice => notice.EventId).HasColumnName("event_id");
        builder.Property(notice => notice.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(32);
        builder.Property(notice => notice.CustomerId).HasColumnName("customer_id").HasMaxLength(Notice.CustomerIdMaxLength);
        builder.Property(notice => notice.ReservationNumber).HasColumnName("reservation_number").HasMaxLength(Notice.ReservationNumberMaxLength);
        builder.Property(notice => notice.Message).HasColumnName("message").HasMaxLength(Notice.MessageMaxLength);
        builder.Property(notice => notice.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        builder.Property(notice => notice.Attempts).HasColumnName("attempts");
        builder.Property(notice => notice.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(notice => notice.LastError).HasColumnName("last_error").HasMaxLength(Notice.LastErrorMaxLength);
        builder.Property(notice => notice.CreatedAt).HasColumnName("created_at");
        builder.Property(notice => notice.LastAttemptAt).HasColumnName("last_attempt_at");
        builder.Property(notice => notice.SentAt).HasColumnName("sent_at");

        // One notice per event, whatever the inbox says.
        builder.HasIndex(notice => notice.EventId).IsUnique();
        // The notice log of a customer, newest first.
        builder.HasIndex(notice => new { notice.CustomerId, notice.CreatedAt });
        // The dispatcher's queue: only pending notices, by due time.
        builder.HasIndex(notice => notice.NextAttemptAt)
            .HasDatabaseName("IX_notices_pending_next_attempt_at")
            .HasFilter("status = 'Pending'");
    }
}
