using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Accommodation.Identity.Api.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the app's configuration.</summary>
internal sealed class AccountsDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AccountsDbContext>().UseNpgsql("Host=localhost;Database=identitydb").Options);
}
