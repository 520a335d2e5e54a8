using Accommodation.Messaging;
using Accommodation.Notification.Api.Domain;
using Accommodation.Notification.Api.Infrastructure.EntityConfigurations;
using Microsoft.EntityFrameworkCore;

namespace Accommodation.Notification.Api.Infrastructure;

public sealed class NotificationDbContext(DbContextOptions<NotificationDbContext> options) : DbContext(options)
{
    public DbSet<Notice> Notices => Set<Notice>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new NoticeEntityTypeConfiguration());
        modelBuilder.AddInboxMessages();
    }
}
