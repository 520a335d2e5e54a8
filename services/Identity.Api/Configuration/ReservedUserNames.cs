using Microsoft.AspNetCore.Identity;

namespace Accommodation.Identity.Api.Configuration;

/// <summary>No user may be called like a synthetic customer, whom only the load-test client plays.</summary>
public sealed class ReservedUserNames : IUserValidator<IdentityUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user) =>
        Task.FromResult(user.UserName?.StartsWith(ClientCatalog.SyntheticCustomerPrefix, StringComparison.OrdinalIgnoreCase) == true
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "ReservedUserName",
                Description = $"User names starting with '{ClientCatalog.SyntheticCustomerPrefix}' are kept for load runs' synthetic customers.",
            })
            : IdentityResult.Success);
}
